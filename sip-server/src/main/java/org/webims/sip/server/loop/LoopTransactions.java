package org.webims.sip.server.loop;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import org.webims.sip.transaction.TransactionLayer;

/**
 * One sip-core {@link TransactionLayer} per event loop. A message is handled by the layer of the
 * loop it arrived on ({@link #of}), and a request is sent through the layer of the loop of the flow
 * it leaves on: a flow is pinned to one loop, so a transaction's request, responses, retransmissions
 * and timers all meet on one thread and the layers need no locks, and loops never wait on each other.
 * The table is filled once, at construction, and only read afterwards.
 */
public final class LoopTransactions {

  private final Map<EventLoop, TransactionLayer> layers = new IdentityHashMap<>();

  /** {@code factory} makes the layer of one loop (with that loop's {@link LoopTimers}). */
  public LoopTransactions(EventLoopGroup loops, Function<EventLoop, TransactionLayer> factory) {
    for (EventExecutor executor : loops) {
      EventLoop loop = (EventLoop) executor;
      layers.put(loop, factory.apply(loop));
    }
  }

  /** The layer of {@code loop}; call it only on that loop. */
  public TransactionLayer of(EventLoop loop) {
    TransactionLayer layer = layers.get(loop);
    if (layer == null) {
      throw new IllegalArgumentException("not one of this server's event loops: " + loop);
    }
    return layer;
  }

  /** Transactions in progress on every loop (a snapshot for monitoring; each count is read racily). */
  public int size() {
    int n = 0;
    for (TransactionLayer layer : layers.values()) {
      n += layer.size();
    }
    return n;
  }
}
