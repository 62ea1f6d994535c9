package org.webims.sip.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.webims.sip.parser.SipParser;
import org.webims.sip.server.flow.MessageHandler;
import org.webims.sip.server.flow.StreamFlow;
import org.webims.sip.server.flow.WebSocketFlow;

/**
 * The handlers of each kind of channel, socket side first: the flush counter, TLS, flush
 * consolidation (write batching: what one read batch or loop turn queued leaves in one flush), the
 * idle timer, framing (the byte stream's, or the WebSocket handshake and messages'), and {@link MessageDispatch}.
 */
final class Pipelines {

  private static final AttributeKey<StreamFlow> FLOW = AttributeKey.valueOf("sip.flow");
  // An opening handshake is one GET with a few headers and no body; anything larger is not one.
  private static final int MAX_HANDSHAKE_LINE = 4096;
  private static final int MAX_HANDSHAKE_HEADERS = 8192;
  private static final int MAX_HANDSHAKE_BODY = 0;

  private final SipServerConfig config;
  private final SipParser parser;
  private final MessageHandler handler;
  private final FlushCounter flushes = new FlushCounter();
  private final SslContext tlsServer;
  private final SslContext tlsClient;
  private final SslContext wssServer;
  private final WebSocketHandshakeHook webSocketHook;

  Pipelines(SipServerConfig config, MessageHandler handler, WebSocketHandshakeHook webSocketHook)
      throws SSLException {
    this.config = config;
    this.parser = new SipParser(config.parseLimits());
    this.handler = handler;
    this.webSocketHook = webSocketHook;
    this.wssServer = config.wssPort() == SipServerConfig.TLS_OFF ? null
        : SslContextBuilder.forServer(config.wssKeys()).sslProvider(tlsProvider()).build();
    this.tlsServer = config.tlsPort() == SipServerConfig.TLS_OFF ? null
        : SslContextBuilder.forServer(config.tlsKeys()).sslProvider(tlsProvider()).build();
    this.tlsClient = SslContextBuilder.forClient().trustManager(config.tlsTrust()).sslProvider(tlsProvider()).build();
  }

  /** OpenSSL (BoringSSL, netty-tcnative) where its native library loads here, else the JDK's SSLEngine. */
  static SslProvider tlsProvider() {
    return OpenSsl.isAvailable() && OpenSsl.supportsKeyManagerFactory() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  long flushes() {
    return flushes.flushes();
  }

  /** The pipeline of a TCP or TLS connection; {@code peer} is the address dialled, null when accepted. */
  StreamFlow stream(Channel ch, String transport, InetSocketAddress peer) {
    StreamFlow flow = new StreamFlow(ch, transport);
    ch.attr(FLOW).set(flow);
    ChannelPipeline p = ch.pipeline();
    p.addLast(flushes);
    if ("TLS".equals(transport)) {
      SslHandler tls = peer == null ? tlsServer.newHandler(ch.alloc())
          : tlsClient.newHandler(ch.alloc(), peer.getHostString(), peer.getPort());
      tls.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
      p.addLast(tls);
    }
    p.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    if (!config.idleTimeout().isZero()) {
      p.addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }
    p.addLast(new SipStreamFraming(parser));
    p.addLast(new MessageDispatch(flow, handler, config.badResponseReason()));
    return flow;
  }

  /**
   * The pipeline of an accepted WS or WSS connection: after TLS, batching and the idle timer, the HTTP codec
   * for the opening handshake ({@link WebSocketUpgrade}; Netty's handshaker swaps the codec for the frame
   * decoder and encoder), UTF-8 checks of text frames, joining of fragments up to the size limit, RFC 7118
   * framing and {@link MessageDispatch}.
   */
  WebSocketFlow webSocket(Channel ch, String transport) {
    WebSocketFlow flow = new WebSocketFlow(ch, transport, config.webSocketSendQueueLimit());
    ChannelPipeline p = ch.pipeline();
    p.addLast(flushes);
    if ("WSS".equals(transport)) {
      SslHandler tls = wssServer.newHandler(ch.alloc());
      tls.setHandshakeTimeoutMillis(config.webSocketHandshakeTimeout().toMillis());
      p.addLast(tls);
    }
    p.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    if (!config.idleTimeout().isZero()) {
      p.addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }
    p.addLast(new HttpServerCodec(MAX_HANDSHAKE_LINE, MAX_HANDSHAKE_HEADERS, MAX_HANDSHAKE_HEADERS));
    p.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BODY));
    p.addLast(new WebSocketUpgrade(flow, config.webSocketPath(), config.webSocketHandshakeTimeout(),
        config.webSocketMaxMessageSize(), webSocketHook));
    p.addLast(new Utf8FrameValidator());
    p.addLast(new WebSocketFrameAggregator(config.webSocketMaxMessageSize()));
    p.addLast(new WebSocketSipFraming(parser));
    p.addLast(new MessageDispatch(flow, handler, config.badResponseReason()));
    return flow;
  }

  static StreamFlow flowOf(Channel ch) {
    return ch.attr(FLOW).get();
  }

  /** The pipeline of the UDP socket. */
  void datagram(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(flushes);
    p.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    p.addLast(new SipDatagramDecoder(parser));
    p.addLast(new MessageDispatch(null, handler, config.badResponseReason()));
  }
}
