package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.uri.SipUri;

/**
 * 24.371 A.3.2 steps 1-2: the session (token, IMPUs, eP-CSCF URL) from the WWSF, fetched for each
 * initial registration, re-registration (WIC-34), RFC 8898 retry and deregistration near the token's
 * expiry. Only the newest fetch counts: {@link #cancel} makes a pending one's answer pointless.
 */
final class SessionFetch {

  private final SessionSource sessions;
  private final RegistrationAgent agent;
  /** Bumped by every fetch and cancel; a callback of an older fetch is ignored. */
  private int generation;

  SessionFetch(SessionSource sessions, RegistrationAgent agent) {
    this.sessions = sessions;
    this.agent = agent;
  }

  void fetch() {
    sessions.fetch(new Pending(++generation));
  }

  void cancel() {
    generation++;
  }

  /** Why {@code s} cannot register, in words; null when it can. */
  static String unusable(WicSession s) {
    if (s.impus().isEmpty()) {
      return "no IMPU in session";
    }
    return s.password() == null || credentialsUsable(s) ? null : "enter IMPI, IMPU (sip:user@domain) and password";
  }

  /** Scenario 1: what the user typed can go into the headers as it is (quoted IMPI, IMPU a SIP URI). */
  private static boolean credentialsUsable(WicSession s) {
    String impi = s.impi();
    if (impi == null || impi.isEmpty() || s.password().isEmpty()) {
      return false;
    }
    for (int i = 0; i < impi.length(); i++) {
      if (impi.charAt(i) < ' ') {
        return false;
      }
    }
    try {
      SipUri.parse(s.impus().get(0));
      return true;
    } catch (SipParseException e) {
      return false;
    }
  }

  private final class Pending implements SessionSource.Callback {
    private final int of;

    Pending(int of) {
      this.of = of;
    }

    @Override
    public void onSession(WicSession s) {
      if (of == generation) {
        agent.onSession(s);
      }
    }

    @Override
    public void onFailure(int status, String reason) {
      if (of == generation) {
        // 401: the browser's WWSF session is gone; anything else may pass (a reconnect tries again).
        if (status == 401) {
          agent.fail("not signed in");
        } else {
          agent.lost("session " + status + " " + reason);
        }
      }
    }
  }
}
