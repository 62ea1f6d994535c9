package org.webims.wic.ua;

import org.webims.sip.transaction.TimerService;

/**
 * Sign-out's wait for the deregistration: the page's next step runs after the outcome or after
 * {@link RegistrationAgent#SIGN_OUT_WAIT_MILLIS}, whichever comes first, and only once.
 */
final class SignOut implements Runnable {

  private final TimerService timers;
  private Runnable proceed;
  private TimerService.Timer timer;

  SignOut(TimerService timers) {
    this.timers = timers;
  }

  /** Waits with {@code next}; true when no sign-out was waiting yet, so the deregistration starts now. */
  boolean await(Runnable next) {
    boolean first = proceed == null;
    proceed = next;
    if (first) {
      timer = timers.schedule(RegistrationAgent.SIGN_OUT_WAIT_MILLIS, this);
    }
    return first;
  }

  /** The wait is over (outcome or timer): the page's step runs, if one waits. */
  @Override
  public void run() {
    Runnable next = proceed;
    proceed = null;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (next != null) {
      next.run();
    }
  }
}
