package org.webims.sip.server.flow;

import org.webims.sip.message.SipMessage;

/** Receives every parsed message, on the event loop of the flow it arrived on. */
@FunctionalInterface
public interface MessageHandler {

  void onMessage(SipMessage message, Flow flow);
}
