package org.webims.sip.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.ParseLimits;
import org.webims.sip.parser.SipParser;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.flow.WebSocketFlow;

/** The WS and WSS handlers on Netty's EmbeddedChannel (issue 13, RFC 7118, EPC-02). */
class WebSocketHandlersTest {

  private final List<SipMessage> delivered = new ArrayList<>();
  private final List<Flow> flows = new ArrayList<>();

  /** The message part of a WS pipeline: aggregation of fragments, RFC 7118 framing, dispatch. */
  private EmbeddedChannel messages(int maxMessageSize) {
    EmbeddedChannel ch = new EmbeddedChannel();
    WebSocketFlow flow = new WebSocketFlow(ch, "WSS", 1 << 20);
    ch.pipeline().addLast(new WebSocketFrameAggregator(maxMessageSize),
        new WebSocketSipFraming(new SipParser(ParseLimits.DEFAULT)),
        new MessageDispatch(flow, (m, f) -> {
          delivered.add(m);
          flows.add(f);
        }, "Bad response from the next hop"));
    return ch;
  }

  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static String text(Object frame) {
    WebSocketFrame f = (WebSocketFrame) frame;
    try {
      return f.content().toString(StandardCharsets.UTF_8);
    } finally {
      f.release();
    }
  }

  /** RFC 7118 §5.1: a text frame and a binary frame each carry one whole SIP message. */
  @Test
  void textAndBinaryFramesEachCarryOneMessage() {
    EmbeddedChannel ch = messages(65_535);
    ch.writeInbound(new TextWebSocketFrame(PipelineHandlersTest.options("text")));
    ch.writeInbound(new BinaryWebSocketFrame(bytes(PipelineHandlersTest.options("binary"))));

    assertThat(delivered).extracting(m -> m.topVia().branch()).containsExactly("z9hG4bKtext", "z9hG4bKbinary");
    assertThat(flows.get(0)).isSameAs(flows.get(1));
    assertThat(flows.get(0).transport()).isEqualTo("WSS");
    assertThat(flows.get(0).isReliable()).isTrue();
  }

  /** A message fragmented over several frames is one message (RFC 6455 §5.4). */
  @Test
  void joinsAMessageSentInFragments() {
    EmbeddedChannel ch = messages(65_535);
    String options = PipelineHandlersTest.options("fragments");
    ch.writeInbound(new TextWebSocketFrame(false, 0, options.substring(0, 40)));
    ch.writeInbound(new ContinuationWebSocketFrame(true, 0, options.substring(40)));

    assertThat(delivered).extracting(m -> m.topVia().branch()).containsExactly("z9hG4bKfragments");
  }

  /** Issue 12 rules on WS too: a malformed request is answered 400 in a frame, and the flow stays. */
  @Test
  void answersAMalformedRequestWith400AndKeepsTheFlow() throws Exception {
    EmbeddedChannel ch = messages(65_535);
    ch.writeInbound(new TextWebSocketFrame(
        PipelineHandlersTest.options("bad").replace("SIP/2.0\r\nVia", "SIP/2.0 \r\nVia")));
    ch.writeInbound(new TextWebSocketFrame(PipelineHandlersTest.options("good")));

    Object out = ch.readOutbound();
    assertThat(out).isInstanceOf(TextWebSocketFrame.class);
    SipResponse answer = (SipResponse) SipParser.DEFAULT.parse(text(out));
    assertThat(answer.startLine()).isEqualTo("SIP/2.0 400 Bad start line: bad SIP-Version");
    assertThat(delivered).extracting(m -> m.topVia().branch()).containsExactly("z9hG4bKgood");
    assertThat(ch.isOpen()).isTrue();
  }

  /** Issue 12: a response that cannot be used becomes a 502 stand-in for its own transaction. */
  @Test
  void turnsAMalformedResponseIntoA502StandIn() {
    EmbeddedChannel ch = messages(65_535);
    ch.writeInbound(new TextWebSocketFrame("SIP/2.0 200 OK\r\nVia: SIP/2.0/WSS a.invalid;branch=z9hG4bKr\r\n"
        + "From: <sip:a@ims.example.net>;tag=1\r\nTo: <sip:a@ims.example.net>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
        + "Content-Length: x\r\n\r\n"));

    assertThat(delivered).hasSize(1);
    assertThat(((SipResponse) delivered.get(0)).statusCode()).isEqualTo(502);
    assertThat(ch.isOpen()).isTrue();
  }

  /** RFC 5626 §4.4.1 over WebSocket, as the eP-CSCF did: a CRLF keep-alive gets a CRLF. */
  @Test
  void answersACrlfKeepAlive() {
    EmbeddedChannel ch = messages(65_535);
    ch.writeInbound(new TextWebSocketFrame("\r\n\r\n"));

    assertThat(text(ch.readOutbound())).isEqualTo("\r\n");
    assertThat(delivered).isEmpty();
  }

  /** EPC-02, RFC 6455 §7.4.1: a message over the limit closes with 1009, also when it comes in fragments. */
  @Test
  void closesWith1009WhenFragmentsExceedTheLimit() {
    EmbeddedChannel ch = messages(100);
    ch.writeInbound(new TextWebSocketFrame(false, 0, "x".repeat(60)));
    ch.writeInbound(new ContinuationWebSocketFrame(false, 0, "x".repeat(60)));

    Object out = ch.readOutbound();
    assertThat(out).isInstanceOf(CloseWebSocketFrame.class);
    assertThat(((CloseWebSocketFrame) out).statusCode()).isEqualTo(1009);
    ((CloseWebSocketFrame) out).release();
    assertThat(ch.isOpen()).isFalse();
    assertThat(delivered).isEmpty();
  }

  /** RFC 6455 §8.1: a text message that is not UTF-8 closes with 1007. */
  @Test
  void closesWith1007OnTextThatIsNotUtf8() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast(new io.netty.handler.codec.http.websocketx.Utf8FrameValidator(),
        new WebSocketSipFraming(SipParser.DEFAULT),
        new MessageDispatch(new WebSocketFlow(ch, "WS", 1 << 20), (m, f) -> delivered.add(m), "Bad response"));
    ch.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'O', (byte) 0xff, 'K'})));

    Object out = ch.readOutbound();
    assertThat(out).isInstanceOf(CloseWebSocketFrame.class);
    assertThat(((CloseWebSocketFrame) out).statusCode()).isEqualTo(1007);
    ((CloseWebSocketFrame) out).release();
    assertThat(ch.isOpen()).isFalse();
    assertThat(delivered).isEmpty();
  }

  /** What the flow sends leaves as one text frame per message; a body that is not UTF-8 as a binary frame. */
  @Test
  void sendsEachMessageAsOneFrame() throws Exception {
    EmbeddedChannel ch = new EmbeddedChannel();
    WebSocketFlow flow = new WebSocketFlow(ch, "WS", 1 << 20);
    SipRequest options = (SipRequest) SipParser.DEFAULT.parse(PipelineHandlersTest.options("out"));
    flow.send(options);
    flow.send(options.toBuilder().body("application/octet-stream", new byte[] {(byte) 0xff, (byte) 0xfe})
        .build());

    Object first = ch.readOutbound();
    assertThat(first).isInstanceOf(TextWebSocketFrame.class);
    assertThat(SipParser.DEFAULT.parse(text(first)).topVia().branch()).isEqualTo("z9hG4bKout");
    Object second = ch.readOutbound();
    assertThat(second).isInstanceOf(BinaryWebSocketFrame.class);
    ((BinaryWebSocketFrame) second).release();
    assertThat(flow.transport()).isEqualTo("WS");
    assertThat(flow.tlsSession()).isNull();
  }

  /** EPC-02 (slowloris): no complete opening handshake within the deadline, TLS included, closes the connection. */
  @Test
  void closesAConnectionWithoutAHandshakeByTheDeadline() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast(upgrade(ch, "/", WebSocketHandshakeHook.ACCEPT_ALL));
    ch.advanceTimeBy(1900, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isTrue();

    ch.advanceTimeBy(200, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isFalse();
  }

  private static WebSocketUpgrade upgrade(EmbeddedChannel ch, String path, WebSocketHandshakeHook hook) {
    return new WebSocketUpgrade(new WebSocketFlow(ch, "WS", 1 << 20), path, Duration.ofSeconds(2), 65_535, hook);
  }

  private static FullHttpRequest upgrade(String path, String subprotocols) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
    request.headers().set("Host", "edge.example.net").set("Upgrade", "websocket").set("Connection", "Upgrade")
        .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").set("Sec-WebSocket-Version", "13")
        .set("Origin", "https://wwsf.example.net");
    if (subprotocols != null) {
      request.headers().set("Sec-WebSocket-Protocol", subprotocols);
    }
    return request;
  }

  private static FullHttpResponse refusal(EmbeddedChannel ch) {
    Object out = ch.readOutbound();
    assertThat(out).isInstanceOf(FullHttpResponse.class);
    return (FullHttpResponse) out;
  }

  /** RFC 7118 §4.1, EPC-02: a client that does not offer {@code sip} is refused with 400. */
  @Test
  void refusesAHandshakeWithoutTheSipSubprotocol() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast(upgrade(ch, "/", WebSocketHandshakeHook.ACCEPT_ALL));
    ch.writeInbound(upgrade("/", "chat, superchat"));

    FullHttpResponse response = refusal(ch);
    assertThat(response.status().code()).isEqualTo(400);
    response.release();
    assertThat(ch.isOpen()).isFalse();
  }

  /** Another path than the configured one is 404. */
  @Test
  void refusesAnotherPathWith404() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast(upgrade(ch, "/sip", WebSocketHandshakeHook.ACCEPT_ALL));
    ch.writeInbound(upgrade("/other", "sip"));

    FullHttpResponse response = refusal(ch);
    assertThat(response.status().code()).isEqualTo(404);
    response.release();
  }

  /** EPC-03: the embedding server's hook sees the request (Origin) and the flow, and refuses with its status. */
  @Test
  void theHookRefusesWithItsOwnStatus() {
    EmbeddedChannel ch = new EmbeddedChannel();
    WebSocketFlow flow = new WebSocketFlow(ch, "WS", 1 << 20);
    AtomicReference<WebSocketHandshakeRequest> seen = new AtomicReference<>();
    ch.pipeline().addLast(new WebSocketUpgrade(flow, "/", Duration.ofSeconds(2), 65_535, request -> {
      seen.set(request);
      return "https://wwsf.example.net".equals(request.origin()) ? 403 : WebSocketHandshakeHook.ACCEPT;
    }));
    ch.writeInbound(upgrade("/?x=1", "sip"));

    FullHttpResponse response = refusal(ch);
    assertThat(response.status().code()).isEqualTo(403);
    response.release();
    assertThat(seen.get().flow()).isSameAs(flow);
    assertThat(seen.get().path()).isEqualTo("/");
    assertThat(seen.get().tlsSession()).isNull();
    assertThat(ch.isOpen()).isFalse();
  }
}
