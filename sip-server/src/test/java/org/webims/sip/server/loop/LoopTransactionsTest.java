package org.webims.sip.server.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.ServerTransactionUser;
import org.webims.sip.transaction.TransportException;

/** One transaction layer per event loop, with that loop's timers (issue 13). */
class LoopTransactionsTest {

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private static final ServerTransactionUser NOBODY = new ServerTransactionUser() {
    @Override
    public void onRequest(NonInviteServerTransaction transaction) {
    }

    @Override
    public void onTransportError(NonInviteServerTransaction transaction, TransportException error) {
    }
  };

  @Test
  void eachLoopHasItsOwnLayerAndAForeignLoopHasNone() {
    List<EventLoop> made = new ArrayList<>();
    LoopTransactions layers = new LoopTransactions(group, loop -> {
      made.add(loop);
      return new TransactionLayer(new LoopTimers(loop), TransactionTimers.DEFAULT, NOBODY);
    });
    EventLoop first = made.get(0);
    EventLoop second = made.get(1);

    assertThat(made).hasSize(2).doesNotHaveDuplicates();
    assertThat(layers.of(first)).isSameAs(layers.of(first)).isNotSameAs(layers.of(second));
    EventLoopGroup other = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      assertThatThrownBy(() -> layers.of((EventLoop) other.next())).isInstanceOf(IllegalArgumentException.class);
    } finally {
      other.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void timersRunOnTheirLoopAndCanBeCancelled() throws Exception {
    EventLoop loop = (EventLoop) group.next();
    LoopTimers timers = new LoopTimers(loop);
    CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
    CompletableFuture<String> cancelled = new CompletableFuture<>();

    timers.schedule(20, () -> cancelled.complete("ran")).cancel();
    timers.schedule(10, () -> onLoop.complete(loop.inEventLoop()));
    timers.schedule(60, () -> cancelled.complete("not run"));

    assertThat(onLoop.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(cancelled.get(5, TimeUnit.SECONDS)).isEqualTo("not run");
  }
}
