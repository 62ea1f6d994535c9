package org.webims.epcscf.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EPC-80, EPC-82: a gateway that does not answer. Each attempt waits {@code timeout}; the request goes
 * out again with the same cookie {@code retries} times, then fails with the TIMEOUT reason. A reply that
 * comes on a retry completes it.
 */
class NgClientTimeoutTest {

  private EventLoopGroup loops;
  private DatagramSocket silent;

  @BeforeEach
  void start() throws Exception {
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    silent.setSoTimeout(5000);
  }

  @AfterEach
  void stop() {
    silent.close();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private String receive() throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    silent.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
  }

  @Test
  void aSilentGatewayGetsTheRequestRetriesPlusOneTimesThenItFailsWithTimeout() throws Exception {
    NgClient ng = new NgClient(loops.next(), (InetSocketAddress) silent.getLocalSocketAddress(),
        Duration.ofMillis(100), 2);
    try {
      CompletableFuture<Map<String, Object>> reply = ng.request(Map.of("command", "ping"));
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        seen.add(receive());
      }
      assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(MediaGatewayException.class)
          .satisfies(e -> assertThat(MediaGatewayException.of(e).reason())
              .isEqualTo(MediaGatewayException.Reason.TIMEOUT));
      assertThat(seen).allMatch(d -> d.endsWith(" d7:command4:pinge"));
      assertThat(seen).containsOnly(seen.get(0)); // one cookie: a retry is the same request
      silent.setSoTimeout(300);
      assertThatThrownBy(this::receive).isInstanceOf(java.net.SocketTimeoutException.class); // no fourth attempt
      assertThat(CompletableFuture.supplyAsync(ng::pending, loops.next()).get()).isZero();
    } finally {
      ng.close();
    }
  }

  @Test
  void aReplyToARetryCompletesTheRequest() throws Exception {
    NgClient ng = new NgClient(loops.next(), (InetSocketAddress) silent.getLocalSocketAddress(),
        Duration.ofMillis(100), 2);
    try {
      CompletableFuture<Map<String, Object>> reply = ng.request(Map.of("command", "ping"));
      receive(); // the first attempt is lost
      DatagramPacket retry = new DatagramPacket(new byte[2048], 2048);
      silent.receive(retry);
      String text = new String(retry.getData(), 0, retry.getLength(), StandardCharsets.US_ASCII);
      byte[] pong = (text.substring(0, text.indexOf(' ')) + " d6:result4:ponge").getBytes(StandardCharsets.US_ASCII);
      silent.send(new DatagramPacket(pong, pong.length, retry.getSocketAddress()));
      assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo(Map.of("result", "pong"));
    } finally {
      ng.close();
    }
  }
}
