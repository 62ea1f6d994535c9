package org.webims.wic.ua;

/** WIC-30: fetches the token and IMS identity from the WWSF ({@code GET /wic/session}). */
public interface SessionSource {

  void fetch(Callback callback);

  /** Exactly one of the two methods is called, on the event loop. */
  interface Callback {

    void onSession(WicSession session);

    /** {@code status} is the HTTP status (401: not signed in), or 0 when the request failed. */
    void onFailure(int status, String reason);
  }
}
