package org.webims.sip.transaction;

/** RFC 3261 §17.1.4, §17.2.4: the transport could not send a message (connection closed, no route). */
public final class TransportException extends Exception {

  public TransportException(String reason) {
    super(reason, null, false, false);
  }

  public TransportException(String reason, Throwable cause) {
    super(reason, cause, false, false);
  }
}
