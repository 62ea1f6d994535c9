package org.webims.epcscf.core;

import org.webims.sip.message.SipResponse;

/** What the layer above hears about a request it sent with {@link CoreProxy#forward}; on the event loop. */
@FunctionalInterface
public interface CoreResponseListener {

  /**
   * A response with the eP-CSCF's own Via removed (RFC 3261 §16.7 step 3): a provisional but 100, or
   * the final: the core's, or {@code 408} when Timer F fired, {@code 503} when the request could not
   * be sent (§16.9), both made by the proxy core's branch.
   */
  void onResponse(SipResponse response);
}
