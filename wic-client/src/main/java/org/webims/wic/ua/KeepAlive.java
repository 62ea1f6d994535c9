package org.webims.wic.ua;

import org.webims.sip.transaction.TimerService;

/**
 * RFC 5626 §4.4.1 CRLF keep-alive over the WebSocket while registered: a double-CRLF ping the
 * configured interval after the last pong; no pong within the timeout means the connection is dead.
 * One timer, which either sends the next ping or finds the pong missing.
 */
final class KeepAlive implements Runnable {

  /** RFC 5626 §4.4.1 ping: a double CRLF; the pong is a single CRLF. */
  static final String PING = "\r\n\r\n";

  private final RegistrationAgent agent;
  private final TimerService timers;
  private final WicConfig config;
  private Flow flow;
  private TimerService.Timer timer;
  /** A ping is out and its pong has not come. */
  private boolean awaitingPong;

  KeepAlive(RegistrationAgent agent, TimerService timers, WicConfig config) {
    this.agent = agent;
    this.timers = timers;
    this.config = config;
  }

  /** Only CR and LF: the pong to a keep-alive ping. */
  static boolean isKeepAlive(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\r' && c != '\n') {
        return false;
      }
    }
    return !text.isEmpty();
  }

  /** The first registration on {@code flow}: pings start. */
  void start(Flow flow) {
    this.flow = flow;
    awaitingPong = false;
    timer = timers.schedule(config.keepAliveIntervalMillis, this);
  }

  /** A pong came: the next ping after the interval. A pong nobody waited for changes nothing. */
  void pong() {
    if (awaitingPong) {
      stop();
      timer = timers.schedule(config.keepAliveIntervalMillis, this);
    }
  }

  void stop() {
    awaitingPong = false;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  @Override
  public void run() {
    if (awaitingPong) {
      agent.lost("connection lost");
      return;
    }
    // The pong may come at once: the timer is set before the ping goes.
    awaitingPong = true;
    timer = timers.schedule(config.keepAliveTimeoutMillis, this);
    if (!flow.sendText(PING)) {
      agent.lost("connection lost");
    }
  }
}
