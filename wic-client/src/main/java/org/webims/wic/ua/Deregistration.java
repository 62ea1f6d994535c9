package org.webims.wic.ua;

import org.webims.sip.transaction.TimerService;

/**
 * UE-initiated deregistration (WIC-40, 42) and what the page's leaving asks of it: the Deregister
 * click, sign-out's wait for the outcome (at most {@link RegistrationAgent#SIGN_OUT_WAIT_MILLIS}), and
 * the deregistration sent without waiting when the page goes away. The outcome itself (WIC-43, 46)
 * is the agent's.
 */
final class Deregistration implements Runnable {

  /** A token this close to its expiry is fetched again before deregistering (WIC-42). */
  static final long TOKEN_MARGIN_MILLIS = 30000;

  private final RegistrationAgent agent;
  private final TimerService timers;
  private Runnable proceed;
  private TimerService.Timer timer;

  Deregistration(RegistrationAgent agent, TimerService timers) {
    this.agent = agent;
    this.timers = timers;
  }

  /** WIC-40: deregisters from registered; while reconnecting, stops trying; ignored otherwise. */
  void deregister() {
    String state = agent.state();
    if (state == RegistrationState.RECONNECTING) {
      agent.deregistered(null);
      return;
    }
    if (state != RegistrationState.REGISTERED) {
      return;
    }
    agent.reconnect.wanted = false;
    agent.setState(RegistrationState.DEREGISTERING);
    WicSession session = agent.session;
    if (session.expiresAtMillis() == 0 || agent.clock.nowMillis() < session.expiresAtMillis() - TOKEN_MARGIN_MILLIS) {
      agent.registers.send(0);
      return;
    }
    agent.fetchSession();
  }

  /** Sign-out: see {@link RegistrationAgent#signOut}. */
  void signOut(Runnable next) {
    String state = agent.state();
    if (state != RegistrationState.REGISTERED && state != RegistrationState.DEREGISTERING) {
      next.run();
      return;
    }
    boolean first = proceed == null;
    proceed = next;
    if (first) {
      timer = timers.schedule(RegistrationAgent.SIGN_OUT_WAIT_MILLIS, this);
      deregister();
    }
  }

  /** The page goes away: see {@link RegistrationAgent#pageHidden}. */
  void pageHidden() {
    agent.reconnect.wanted = false;
    if (agent.state() == RegistrationState.REGISTERED) {
      agent.registers.send(0);
    }
    String state = agent.state();
    if (state != RegistrationState.IDLE && state != RegistrationState.ERROR && state != RegistrationState.DEREGISTERED) {
      agent.deregistered(null);
    }
  }

  /** Sign-out's wait is over (the outcome or the timer): the page's step runs, if one waits, once. */
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
