package org.webims.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

/**
 * Secure WebSocket connections (RFC 7118, subprotocol {@code sip}) from several loopback source addresses to one
 * registrar, on a few Netty event loop threads, so that tens of thousands of connections need no thread each. TLS
 * trusts any certificate: the targets are loopback servers with self-signed certificates.
 */
final class LoadClient implements AutoCloseable {

  /** What happens on a connection. Called on an event loop thread. */
  interface Listener {
    void answered(WssFlow flow, SipResponse response);

    void closed(WssFlow flow);
  }

  private final EventLoopGroup group;
  private final SslContext ssl;
  private final URI uri;
  private final String origin;
  private final List<InetAddress> sources;
  private volatile Listener listener;

  LoadClient(URI uri, String origin, List<InetAddress> sources, int threads) throws SSLException {
    this.uri = uri;
    this.origin = origin;
    this.sources = List.copyOf(sources);
    this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    this.ssl = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
        .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
  }

  void listener(Listener l) {
    this.listener = l;
  }

  /** Connects {@code flow} from source address {@code index % sources}; completes once the 101 came back. */
  CompletableFuture<WssFlow> open(WssFlow flow) {
    CompletableFuture<WssFlow> opened = new CompletableFuture<>();
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Origin", origin);
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
        .subprotocol("sip").customHeaders(headers).maxFramePayloadLength(65536).handshakeTimeoutMillis(30_000)
        .dropPongFrames(true).build();
    int port = uri.getPort();
    String host = uri.getHost();
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port), new HttpClientCodec(),
                new HttpObjectAggregator(65536), new WebSocketClientProtocolHandler(config),
                new FlowHandler(flow, opened));
          }
        });
    InetAddress source = sources.get(flow.identity().index() % sources.size());
    ChannelFuture connect = b.connect(new InetSocketAddress(host, port), new InetSocketAddress(source, 0));
    flow.attach(connect.channel());
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        opened.completeExceptionally(f.cause());
      }
    });
    return opened;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class FlowHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final WssFlow flow;
    private final CompletableFuture<WssFlow> opened;

    FlowHandler(WssFlow flow, CompletableFuture<WssFlow> opened) {
      this.flow = flow;
      this.opened = opened;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        opened.complete(flow);
      } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        opened.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      SipMessage message;
      try {
        message = SipParser.DEFAULT.parse(frame.text());
      } catch (SipParseException e) {
        return; // not ours to judge here: a bad message shows up as a missing answer
      }
      if (!message.isRequest()) {
        listener.answered(flow, (SipResponse) message);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      opened.completeExceptionally(new IllegalStateException("connection closed before the WebSocket opened"));
      Listener l = listener;
      if (l != null) {
        l.closed(flow);
      }
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      opened.completeExceptionally(cause);
      ctx.close();
    }
  }
}
