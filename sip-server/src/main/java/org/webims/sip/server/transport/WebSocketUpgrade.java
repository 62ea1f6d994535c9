package org.webims.sip.server.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.server.flow.WebSocketFlow;

/**
 * The opening handshake of a WS or WSS connection (RFC 6455 §4.2 through Netty's handshaker, RFC 7118 §4.1):
 * the configured path (else 404), a GET asking for {@code Upgrade: websocket} (else 400), the {@code sip}
 * subprotocol offered (else 400) and echoed in the 101, and the embedding server's {@link
 * WebSocketHandshakeHook} (its status). The whole handshake, TLS included, must be done within the deadline
 * from the moment the connection is accepted, else it closes (EPC-02: a per-read timeout lets a client that
 * sends one header line every few seconds hold a connection for ever). Leaves the pipeline once upgraded.
 */
public final class WebSocketUpgrade extends ChannelInboundHandlerAdapter {

  /** RFC 7118 §4.1. */
  public static final String SUBPROTOCOL = "sip";

  private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

  private final WebSocketFlow flow;
  private final String path;
  private final long deadlineMillis;
  private final WebSocketDecoderConfig frames;
  private final WebSocketHandshakeHook hook;
  private ScheduledFuture<?> deadline;

  /** @param maxMessageSize the largest frame payload; a larger frame closes with 1009 */
  public WebSocketUpgrade(WebSocketFlow flow, String path, Duration deadline, int maxMessageSize,
      WebSocketHandshakeHook hook) {
    this.flow = flow;
    this.path = path;
    this.deadlineMillis = deadline.toMillis();
    this.frames = WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(maxMessageSize).allowExtensions(false)
        .closeOnProtocolViolation(true).build();
    this.hook = hook;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      startDeadline(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startDeadline(ctx);
    ctx.fireChannelActive();
  }

  private void startDeadline(ChannelHandlerContext ctx) {
    if (deadline == null) {
      deadline = ctx.executor().schedule(() -> {
        log.debug("{}: no complete WebSocket handshake within {} ms, closed", flow, deadlineMillis);
        ctx.close();
      }, deadlineMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      int refusal = check(request);
      if (refusal != WebSocketHandshakeHook.ACCEPT) {
        refuse(ctx, refusal);
        return;
      }
      WebSocketServerHandshaker handshaker =
          new WebSocketServerHandshakerFactory(request.uri(), SUBPROTOCOL, frames).newHandshaker(request);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) {
          deadline.cancel(false);
          if (ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
          }
        } else {
          log.debug("{}: WebSocket handshake failed: {}", flow, f.cause().toString());
          f.channel().close();
        }
      });
    } finally {
      request.release();
    }
  }

  /** This module's checks, then the hook's. */
  private int check(FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      return 400;
    }
    String requested = new QueryStringDecoder(request.uri()).path();
    if (!requested.equals(path)) {
      return 404;
    }
    if (!HttpMethod.GET.equals(request.method())
        || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      return 400;
    }
    if (!offersSip(request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
      return 400;
    }
    try {
      int status = hook.check(new WebSocketHandshakeRequest(requested, request.headers(), flow));
      return status == WebSocketHandshakeHook.ACCEPT || status >= 400 && status <= 599 ? status : 500;
    } catch (RuntimeException e) {
      log.error("WebSocket handshake hook failed", e);
      return 500;
    }
  }

  static boolean offersSip(List<String> offered) {
    for (String value : offered) {
      int from = 0;
      while (from <= value.length()) {
        int comma = value.indexOf(',', from);
        int to = comma < 0 ? value.length() : comma;
        if (value.substring(from, to).trim().equals(SUBPROTOCOL)) {
          return true;
        }
        from = to + 1;
      }
    }
    return false;
  }

  private void refuse(ChannelHandlerContext ctx, int status) {
    log.debug("{}: WebSocket handshake refused with {}", flow, status);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
