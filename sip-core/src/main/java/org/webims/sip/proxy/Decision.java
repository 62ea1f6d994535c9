package org.webims.sip.proxy;

import java.util.List;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §16.5: the element's answer for one request, given once, on the loop that runs the proxy,
 * at once or later (after a lookup off the loop). An answer after the request was CANCELled is
 * ignored.
 */
public interface Decision {

  /** Forwards to every target in parallel (§16.6); an empty list answers 480. */
  void forward(List<Target> targets);

  /** Answers the request with this final response instead (built with {@code SipResponse.to}). */
  void respond(SipResponse response);
}
