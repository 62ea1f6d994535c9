package org.webims.epcscf.core;

import org.webims.sip.message.SipResponse;

/** What the layer above hears about a request forwarded to the core; called on the event loop. */
public interface CoreResponseListener {

  /** A response from the core with the eP-CSCF's own Via already removed (RFC 3261 §16.7 step 3). */
  void onResponse(SipResponse response);

  /**
   * No response: {@code 408} when Timer F fired, {@code 503} when the request could not be sent
   * (RFC 3261 §16.7 step 6, §16.9). The listener answers the WIC with that status.
   */
  void onNoResponse(int statusCode);
}
