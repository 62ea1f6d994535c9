package org.webims.wic.ua;

/**
 * The states the page shows in {@code #state}'s {@code data-state}, spelt as the issue 4 contract
 * spells them. Strings rather than an enum: an enum's runtime support costs wic.js about 0.4 kB gzip.
 */
public final class RegistrationState {

  public static final String IDLE = "idle";
  public static final String CONNECTING = "connecting";
  public static final String REGISTERING = "registering";
  public static final String REGISTERED = "registered";
  public static final String DEREGISTERING = "deregistering";
  public static final String DEREGISTERED = "deregistered";
  public static final String ERROR = "error";
  /** Issue 7: the connection was lost; waiting (backoff) or trying again (WIC-10). */
  public static final String RECONNECTING = "reconnecting";

  private RegistrationState() {
  }
}
