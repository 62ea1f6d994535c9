package org.webims.sip.proxy;

import java.util.List;
import org.webims.sip.message.Header;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §16.7 steps 6 and 7: the best of the non-2xx finals of every branch, as it goes upstream.
 */
final class ResponseSelection {

  private ResponseSelection() {
  }

  /**
   * A 6xx if any; else the lowest class, preferring within 4xx the responses that tell the client
   * how to resubmit (401, 407, 415, 420, 484); the earliest wins ties. A 503 becomes 500, since the
   * 503 spoke of a server downstream, not of this one. A chosen 401 or 407 carries the challenges
   * of every 401 and 407 (step 7), so that the UAC can answer all realms at once.
   *
   * After the UAC's CANCEL a 487 comes first within 4xx: the UAC asked for exactly that (§9.2,
   * §16.10), and any other 4xx (a 430 of a flow that failed meanwhile, a 486) only speaks of one
   * branch of a search the UAC itself ended; step 6 lets the proxy choose among one class.
   *
   * @param finals the non-2xx finals in order of arrival, top Via removed; not empty
   * @param cancelled true when the UAC CANCELled the request
   */
  static SipResponse best(List<SipResponse> finals, boolean cancelled) {
    SipResponse best = null;
    for (SipResponse candidate : finals) {
      if (best == null || better(candidate, best, cancelled)) {
        best = candidate;
      }
    }
    int code = best.statusCode();
    if (code == 503) {
      return best.toBuilder().status(500, "Server Internal Error").removeHeader(HeaderNames.RETRY_AFTER).build();
    }
    if (code == 401 || code == 407) {
      return withAllChallenges(best, finals);
    }
    return best;
  }

  private static boolean better(SipResponse candidate, SipResponse best, boolean cancelled) {
    int c = candidate.statusCode() / 100;
    int b = best.statusCode() / 100;
    if (b == 6) {
      return false;
    }
    if (c == 6) {
      return true;
    }
    if (c != b) {
      return c < b;
    }
    if (c == 4 && cancelled) {
      return candidate.statusCode() == 487 && best.statusCode() != 487;
    }
    return c == 4 && helpsResubmit(candidate.statusCode()) && !helpsResubmit(best.statusCode());
  }

  private static boolean helpsResubmit(int code) {
    return code == 401 || code == 407 || code == 415 || code == 420 || code == 484;
  }

  private static SipResponse withAllChallenges(SipResponse best, List<SipResponse> finals) {
    SipResponse.Builder b = best.toBuilder();
    for (SipResponse other : finals) {
      int code = other.statusCode();
      if (other == best || code != 401 && code != 407) {
        continue;
      }
      for (Header h : other.headers()) {
        if (h.is(HeaderNames.WWW_AUTHENTICATE) || h.is(HeaderNames.PROXY_AUTHENTICATE)) {
          b.header(h.name(), h.value());
        }
      }
    }
    return b.build();
  }
}
