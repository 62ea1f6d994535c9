package org.webims.sip.server.flow;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import org.webims.sip.transaction.Transport;

/**
 * An RFC 5626 flow: one TCP, TLS, WS or WSS connection, or the pair of a UDP socket and a peer address. A
 * flow is pinned to one event loop: what arrives on it is handled there, and its timers and
 * transactions run there. {@link #send} may be called from any thread.
 */
public interface Flow extends Transport {

  /**
   * The flow token (RFC 5626 §5.2): names this flow in a Path or Record-Route so that a request
   * for the user comes back over it; {@code SipServer.flow(token)} finds it again.
   */
  String token();

  /** {@code "UDP"}, {@code "TCP"}, {@code "TLS"}, {@code "WS"} or {@code "WSS"}, as written in a Via. */
  String transport();

  /** The peer's address. */
  InetSocketAddress remote();

  /** This end's address. */
  InetSocketAddress local();

  /** The event loop this flow is pinned to. */
  EventLoop eventLoop();

  /** False once the connection has closed; a UDP flow is open while its socket is. */
  boolean isOpen();

  /** Runs {@code listener} once, on the flow's loop, when the flow closes (at once if it is closed). */
  void onClose(Runnable listener);

  /** Closes the connection; a UDP flow has nothing of its own to close. */
  void close();

  /** Runs {@code task} on this flow's loop: now when already there, else as the loop's next task. */
  default void execute(Runnable task) {
    EventLoop loop = eventLoop();
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }
}
