package org.webims.epcscf.websocket;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;

/**
 * EPC-02 abuse resistance (slowloris): a connection must have sent a whole HTTP request (the WebSocket
 * opening handshake, TLS included) within {@code timeout} of being accepted, else it is closed. A per-read
 * timeout does not do this: a client sending one header line every few seconds never trips it. The web
 * server reports each accepted connection ({@link #accepted}) and each complete request
 * ({@link #requestReceived}); connections are told apart by their TCP peer's address and port (behind HAProxy
 * with the PROXY protocol, the balancer's: the header may never come, and HAProxy's source ports tell its
 * connections apart), and logged under the client's address where the header named it. At most one
 * entry per open, not yet upgraded connection is kept, and each leaves at its deadline. Thread-safe.
 */
public final class HandshakeDeadline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HandshakeDeadline.class);

  private final long timeoutMillis;
  private final EventLog events;
  private final ConcurrentHashMap<String, Runnable> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "epcscf-handshake-deadline");
    t.setDaemon(true);
    return t;
  });

  private final EpCscfMetrics metrics;

  /**
   * @param events where closed connections are written ({@code handshake.refused} for {@code timeout})
   * @param metrics counts each closed connection as a handshake failed for {@code timeout} (issue 16)
   */
  public HandshakeDeadline(Duration timeout, EventLog events, EpCscfMetrics metrics) {
    this.timeoutMillis = timeout.toMillis();
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * A connection from the TCP peer {@code remote} was accepted; {@code client} says, when its deadline passes,
   * whose connection it is (the PROXY protocol header's address when one came, else {@code remote}); {@code close}
   * closes it if no request came in time.
   */
  public void accepted(SocketAddress remote, Supplier<SocketAddress> client, Runnable close) {
    if (timeoutMillis <= 0 || !(remote instanceof InetSocketAddress address)) {
      return;
    }
    String key = key(address.getAddress().getHostAddress(), address.getPort());
    pending.put(key, close);
    timer.schedule(() -> {
      Runnable late = pending.remove(key);
      if (late != null) {
        metrics.handshakeFailed("timeout");
        InetSocketAddress from = client.get() instanceof InetSocketAddress c && c.getAddress() != null ? c : address;
        events.refusal(Event.of("handshake.refused").with("source", from.getAddress().getHostAddress())
            .with(Event.REASON, "timeout").with("timeout_ms", timeoutMillis));
        late.run();
      }
    }, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** The connection from the TCP peer {@code address}:{@code port} delivered a complete request in time. */
  public void requestReceived(String address, int port) {
    pending.remove(key(address, port));
  }

  private static String key(String address, int port) {
    return address + "|" + port;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
