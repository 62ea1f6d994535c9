package org.webims.sip.transaction;

/** RFC 3261 §17.1.4, §17.2.4: the transport could not send a message (connection closed, no route). */
public final class TransportException extends Exception {

  private final boolean flowFailed;

  public TransportException(String reason) {
    this(reason, null, false);
  }

  public TransportException(String reason, Throwable cause) {
    this(reason, cause, false);
  }

  private TransportException(String reason, Throwable cause, boolean flowFailed) {
    super(reason, cause, false, false);
    this.flowFailed = flowFailed;
  }

  /**
   * RFC 5626 §5.3: the flow a request had to take (the one its Route or Path named) is gone, so no
   * other connection may carry it; a proxy answers {@code 430 Flow Failed} rather than 503.
   */
  public static TransportException flowFailed(String reason) {
    return new TransportException(reason, null, true);
  }

  public boolean isFlowFailed() {
    return flowFailed;
  }
}
