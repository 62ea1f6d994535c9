package org.webims.epcscf.websocket;

import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * The layer above framing: receives each well-formed SIP message of a flow, and the end of the
 * flow. Called on the connection's Reactor Netty event loop, one message at a time (issue 13): an
 * implementation must not block; work that may block goes to an executor and continues from there.
 */
public interface WicMessageHandler {

  /** A request that passed {@code validate()}. */
  void onRequest(WicFlow flow, SipRequest request);

  /** A response from the WIC (for example to a NOTIFY, in later issues). */
  void onResponse(WicFlow flow, SipResponse response);

  /** The WebSocket closed, for whatever reason (EPC-43). */
  void onClose(WicFlow flow);
}
