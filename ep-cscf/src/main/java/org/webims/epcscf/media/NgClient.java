package org.webims.epcscf.media;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.media.MediaGatewayException.Reason;

/**
 * rtpengine's ng control protocol over UDP ({@code docs/ng_control_protocol.md}): each request is a
 * cookie, a space and a bencoded dictionary; the reply repeats the cookie. A request not answered within
 * {@code timeout} is sent again with the same cookie (rtpengine answers a repeated cookie from its cache,
 * so a retry never runs a command twice), up to {@code retries} times, then fails with
 * {@link Reason#TIMEOUT}; a reply whose {@code result} is {@code error} fails with {@link Reason#ERROR}.
 *
 * <p>The socket lives on one Netty event loop (the eP-CSCF's core loop) and every future completes on
 * it; nothing here blocks that loop. Replies carrying an unknown cookie (late, after the last retry) are
 * dropped.
 */
public final class NgClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NgClient.class);
  /** The largest UDP payload: an ng reply carries a whole SDP. */
  private static final int MAX_DATAGRAM = 65_535;

  private final EventLoop loop;
  private final InetSocketAddress server;
  private final long timeoutNanos;
  private final int retries;
  private final Channel channel;
  private final String cookiePrefix;
  private final Map<String, Pending> pending = new HashMap<>();
  private long counter;

  private final class Pending {
    final byte[] datagram;
    final CompletableFuture<Map<String, Object>> result;
    int sent;
    ScheduledFuture<?> timer;

    Pending(byte[] datagram, CompletableFuture<Map<String, Object>> result) {
      this.datagram = datagram;
      this.result = result;
    }
  }

  /**
   * Binds an ephemeral UDP port on {@code loop}; waits for the bind, so it must not be called on an
   * event loop.
   *
   * @param timeout how long one attempt waits for the reply
   * @param retries how many times a request is sent again before it fails
   */
  public NgClient(EventLoop loop, InetSocketAddress server, Duration timeout, int retries) {
    if (timeout.isNegative() || timeout.isZero() || retries < 0) {
      throw new IllegalArgumentException("ng timeout must be positive and retries >= 0");
    }
    this.loop = loop;
    this.server = server;
    this.timeoutNanos = timeout.toNanos();
    this.retries = retries;
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    this.cookiePrefix = Integer.toHexString(((random[0] & 0xff) << 24) | ((random[1] & 0xff) << 16)
        | ((random[2] & 0xff) << 8) | (random[3] & 0xff)) + "-";
    this.channel = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            onReply(packet.content());
          }
        })
        .bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0))
        .syncUninterruptibly().channel();
  }

  /** Sends {@code message} (any thread); the future completes on the loop with the reply dictionary. */
  public CompletableFuture<Map<String, Object>> request(Map<String, Object> message) {
    CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
    loop.execute(() -> send(message, result));
    return result;
  }

  private void send(Map<String, Object> message, CompletableFuture<Map<String, Object>> result) {
    String cookie = cookiePrefix + Long.toString(counter++, 36);
    byte[] body = Bencode.encode(message);
    byte[] datagram = new byte[cookie.length() + 1 + body.length];
    byte[] head = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, datagram, 0, head.length);
    System.arraycopy(body, 0, datagram, head.length, body.length);
    Pending p = new Pending(datagram, result);
    pending.put(cookie, p);
    attempt(cookie, p);
  }

  private void attempt(String cookie, Pending p) {
    p.sent++;
    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(p.datagram), server));
    p.timer = loop.schedule(() -> {
      if (pending.get(cookie) != p) {
        return;
      }
      if (p.sent <= retries) {
        attempt(cookie, p);
      } else {
        pending.remove(cookie);
        p.result.completeExceptionally(new MediaGatewayException(Reason.TIMEOUT,
            "no answer from the media gateway at " + server + " after " + p.sent + " attempts"));
      }
    }, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void onReply(ByteBuf content) {
    byte[] bytes = new byte[content.readableBytes()];
    content.readBytes(bytes);
    int space = 0;
    while (space < bytes.length && bytes[space] != ' ') {
      space++;
    }
    Pending p = pending.remove(new String(bytes, 0, space, StandardCharsets.US_ASCII));
    if (p == null) {
      log.debug("ng reply with an unknown cookie dropped ({} bytes)", bytes.length);
      return;
    }
    p.timer.cancel(false);
    Map<String, Object> reply;
    try {
      Object decoded = space < bytes.length ? Bencode.decode(bytes, space + 1, bytes.length) : null;
      if (!(decoded instanceof Map)) {
        throw new Bencode.BencodeException("the reply is not a dictionary", space + 1);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) decoded;
      reply = map;
    } catch (Bencode.BencodeException e) {
      p.result.completeExceptionally(new MediaGatewayException(Reason.ERROR, "unreadable ng reply: " + e.getMessage()));
      return;
    }
    Object result = reply.get("result");
    if ("ok".equals(result) || "pong".equals(result)) {
      p.result.complete(reply);
    } else {
      Object why = reply.get("error-reason");
      p.result.completeExceptionally(new MediaGatewayException(Reason.ERROR,
          "media gateway: " + (why != null ? why : "result " + result)));
    }
  }

  /** Requests waiting for a reply (tests). */
  int pending() {
    return pending.size();
  }

  @Override
  public void close() {
    channel.close();
  }
}
