package org.webims.wic.ua;

import org.webims.sip.transaction.TimerService;

/**
 * The WIC's calls (WIC-60..66), one at a time, on the registration's flow. Skeleton: the constructor
 * and {@link Phone} are the contract the browser side builds against; the call logic follows.
 */
public final class CallAgent implements Phone {

  final RegistrationAgent registration;
  final MediaSession.Factory media;
  final TimerService timers;
  final CallListener listener;
  final WicConfig config;

  public CallAgent(RegistrationAgent registration, MediaSession.Factory media, TimerService timers,
      CallListener listener, WicConfig config) {
    this.registration = registration;
    this.media = media;
    this.timers = timers;
    this.listener = listener;
    this.config = config;
  }

  @Override
  public void call(String target) {
  }

  @Override
  public void answer() {
  }

  @Override
  public void decline() {
  }

  @Override
  public void hangUp() {
  }

  @Override
  public void mute(boolean muted) {
  }

  @Override
  public void camera(boolean on) {
  }
}
