package org.webims.epcscf.websocket;

import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * The layer above framing: receives each well-formed SIP message of a flow, and the end of the
 * flow. Called on the WebSocket container's thread for that connection, one message at a time.
 */
public interface WicMessageHandler {

  /** A request that passed {@code validate()}. */
  void onRequest(WicFlow flow, SipRequest request);

  /** A response from the WIC (for example to a NOTIFY, in later issues). */
  void onResponse(WicFlow flow, SipResponse response);

  /** The WebSocket closed, for whatever reason (EPC-43). */
  void onClose(WicFlow flow);
}
