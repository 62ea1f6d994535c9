package org.webims.sip.server.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.webims.sip.server.flow.ChannelFlow;

/**
 * The open TCP, TLS, WS and WSS connections of a server, both directions: by peer (to reuse one for a new
 * request to the same address) and by flow token, under the connection limit. Thread-safe: loops
 * add and remove, any thread looks up.
 */
final class Connections {

  private final ConcurrentHashMap<String, ChannelFlow> byPeer = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ChannelFlow> byToken = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final int max;

  Connections(int max) {
    this.max = max;
  }

  static String key(String transport, InetSocketAddress remote) {
    return transport + " " + remote.getAddress().getHostAddress() + ":" + remote.getPort();
  }

  /** Adds an open connection; false (and nothing added) when the limit is reached. */
  boolean admit(ChannelFlow flow) {
    if (count.incrementAndGet() > max) {
      count.decrementAndGet();
      return false;
    }
    String peer = key(flow.transport(), flow.remote());
    byPeer.put(peer, flow);
    byToken.put(flow.token(), flow);
    flow.channel().closeFuture().addListener(f -> {
      byPeer.remove(peer, flow);
      byToken.remove(flow.token(), flow);
      count.decrementAndGet();
    });
    return true;
  }

  /** An open connection to {@code remote} over {@code transport}, or null. */
  ChannelFlow to(String transport, InetSocketAddress remote) {
    ChannelFlow flow = byPeer.get(key(transport, remote));
    return flow != null && flow.isOpen() ? flow : null;
  }

  ChannelFlow byToken(String token) {
    return byToken.get(token);
  }

  boolean full() {
    return count.get() >= max;
  }

  int size() {
    return count.get();
  }
}
