package org.webims.epcscf.media;

/**
 * A gateway command that failed (EPC-80, EPC-82): the gateway did not answer in time after its retries
 * ({@link Reason#TIMEOUT}), or it answered with an error ({@link Reason#ERROR}, with its reason text).
 */
public final class MediaGatewayException extends RuntimeException {

  /** Why, as the {@code reason} tag of {@code webims.epcscf.media.errors}. */
  public enum Reason {
    TIMEOUT("timeout"), ERROR("error");

    private final String tag;

    Reason(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private final Reason reason;

  public MediaGatewayException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The cause of a failed stage: this exception, or null when the failure was something else. */
  public static MediaGatewayException of(Throwable failure) {
    Throwable t = failure;
    while (t != null && !(t instanceof MediaGatewayException)) {
      t = t.getCause();
    }
    return (MediaGatewayException) t;
  }
}
