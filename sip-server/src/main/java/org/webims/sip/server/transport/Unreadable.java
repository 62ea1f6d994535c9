package org.webims.sip.server.transport;

import org.webims.sip.SipParseException;

/**
 * A message whose end was found but which cannot be used (malformed, too large): its text, at least
 * its head, to address an answer, and why (issue 12). Travels up the pipeline to {@link MessageDispatch}.
 */
public record Unreadable(String text, SipParseException problem) {
}
