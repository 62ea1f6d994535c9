package org.webims.wic.ua;

import java.util.List;

/** What the page shows: state, associated URIs and the SIP log. */
public interface RegistrationListener {

  /**
   * The state changed to one of {@link RegistrationState}'s constants. {@code registeredUntilMillis}
   * is set for {@link RegistrationState#REGISTERED} (epoch ms), {@code reason} for
   * {@link RegistrationState#ERROR} and for a network-initiated {@link RegistrationState#DEREGISTERED}.
   */
  void onState(String state, long registeredUntilMillis, String reason);

  /**
   * State {@link RegistrationState#RECONNECTING}: the connection was lost ({@code reason}); attempt
   * {@code attempt} (1, 2, ...) of a new connection and initial registration is waiting or running.
   */
  void onReconnecting(int attempt, String reason);

  /** WIC-14: the P-Associated-URI list of the last 200 OK; empty after deregistration. */
  void onAssociatedUris(List<String> uris);

  /** A SIP message sent or received, with the access token shortened. */
  void onSipMessage(boolean sent, String text);
}
