package org.webims.sip.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.ParseLimits;
import org.webims.sip.parser.SipParser;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.flow.StreamFlow;

/** Each pipeline handler on Netty's EmbeddedChannel: no sockets, no threads (issue 12 behaviour kept; issue 13). */
class PipelineHandlersTest {

  static final String OPTIONS = "OPTIONS sip:scscf.ims.example.net SIP/2.0\r\n"
      + "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK%s\r\n"
      + "Max-Forwards: 70\r\n"
      + "From: <sip:alice@ims.example.net>;tag=1\r\n"
      + "To: <sip:scscf.ims.example.net>\r\n"
      + "Call-ID: net-test\r\n"
      + "CSeq: 1 OPTIONS\r\n"
      + "Content-Length: 0\r\n\r\n";

  private final List<SipMessage> delivered = new ArrayList<>();
  private final List<Flow> flows = new ArrayList<>();

  static String options(String branch) {
    return OPTIONS.replace("%s", branch);
  }

  private EmbeddedChannel stream(ParseLimits limits) {
    EmbeddedChannel ch = new EmbeddedChannel();
    StreamFlow flow = new StreamFlow(ch, "TCP");
    ch.pipeline().addLast(new SipStreamFraming(new SipParser(limits)),
        new MessageDispatch(flow, (m, f) -> {
          delivered.add(m);
          flows.add(f);
        }, "Bad response from the next hop"));
    return ch;
  }

  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static String written(EmbeddedChannel ch) {
    ByteBuf out = ch.readOutbound();
    if (out == null) {
      return null;
    }
    try {
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }

  @Test
  void framesMessagesSplitAndJoinedAcrossReadsAndHandsThemOnWithTheConnectionsFlow() {
    EmbeddedChannel ch = stream(ParseLimits.DEFAULT);
    String two = options("one") + options("two");
    ch.writeInbound(bytes(two.substring(0, 30)));
    assertThat(delivered).isEmpty();
    ch.writeInbound(bytes(two.substring(30)));

    assertThat(delivered).extracting(m -> m.topVia().branch()).containsExactly("z9hG4bKone", "z9hG4bKtwo");
    assertThat(flows.get(0)).isSameAs(flows.get(1));
    assertThat(flows.get(0).transport()).isEqualTo("TCP");
    assertThat(ch.isOpen()).isTrue();
  }

  /** RFC 5626 §4.4.1: a CRLF CRLF ping is answered with one CRLF, and the message after it still arrives. */
  @Test
  void answersAKeepAlivePingWithOneCrlf() {
    EmbeddedChannel ch = stream(ParseLimits.DEFAULT);
    ch.writeInbound(bytes("\r\n\r\n" + options("after")));

    assertThat(written(ch)).isEqualTo("\r\n");
    assertThat(written(ch)).isNull();
    assertThat(delivered).hasSize(1);
  }

  /** Issue 12: a malformed request is answered 400 with the parser's reason; the connection stays. */
  @Test
  void answersAnUnreadableRequestWith400AndKeepsTheConnection() throws Exception {
    EmbeddedChannel ch = stream(ParseLimits.DEFAULT);
    ch.writeInbound(bytes(options("bad").replace("SIP/2.0\r\nVia", "SIP/2.0 \r\nVia") + options("good")));

    SipResponse answer = (SipResponse) SipParser.DEFAULT.parse(written(ch));
    assertThat(answer.startLine()).isEqualTo("SIP/2.0 400 Bad start line: bad SIP-Version");
    assertThat(answer.callId()).isEqualTo("net-test");
    assertThat(delivered).extracting(m -> m.topVia().branch()).containsExactly("z9hG4bKgood");
    assertThat(ch.isOpen()).isTrue();
  }

  /** Issue 12: a response that cannot be used becomes a 502 stand-in for its own transaction. */
  @Test
  void turnsAnUnreadableResponseIntoA502StandIn() throws Exception {
    EmbeddedChannel ch = stream(ParseLimits.builder().maxHeaderCount(20).build());
    StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5062;branch=z9hG4bKfirst\r\n"
        + "From: <sip:alice@ims.example.net>;tag=1\r\nTo: <sip:alice@ims.example.net>;tag=2\r\n"
        + "Call-ID: reg-1\r\nCSeq: 1 REGISTER\r\n");
    for (int i = 0; i < 30; i++) {
      ok.append("Contact: <sip:c").append(i).append("@192.0.2.4>\r\n");
    }
    ch.writeInbound(bytes(ok.append("Content-Length: 0\r\n\r\n") + options("next")));

    SipResponse standIn = (SipResponse) delivered.get(0);
    assertThat(standIn.startLine()).isEqualTo("SIP/2.0 502 Bad response from the next hop");
    assertThat(standIn.topVia().branch()).isEqualTo("z9hG4bKfirst");
    assertThat(standIn.callId()).isEqualTo("reg-1");
    assertThat(delivered.get(1)).isInstanceOf(SipRequest.class);
    assertThat(written(ch)).isNull();
    assertThat(ch.isOpen()).isTrue();
  }

  /** Issue 12: a request over the size limit is skipped by its Content-Length and answered 513; the stream goes on. */
  @Test
  void answersARequestOverTheSizeLimitWith513AndReadsTheNextOne() throws Exception {
    EmbeddedChannel ch = stream(ParseLimits.builder().maxMessageBytes(2000).build());
    String huge = options("huge").replace("Content-Length: 0\r\n\r\n",
        "Content-Type: text/plain\r\nContent-Length: 5000\r\n\r\n") + "x".repeat(5000);
    ch.writeInbound(bytes(huge.substring(0, 1000)));
    ch.writeInbound(bytes(huge.substring(1000) + options("next")));

    assertThat(((SipResponse) SipParser.DEFAULT.parse(written(ch))).statusCode()).isEqualTo(513);
    assertThat(delivered).extracting(m -> m.topVia().branch()).containsExactly("z9hG4bKnext");
    assertThat(ch.isOpen()).isTrue();
  }

  /** RFC 3261 §18.3: with no Content-Length the stream cannot be resynchronised, so the connection closes. */
  @Test
  void closesTheConnectionWhenAMessageHasNoBoundary() {
    EmbeddedChannel ch = stream(ParseLimits.DEFAULT);
    ch.writeInbound(bytes(options("nolength").replace("Content-Length: 0\r\n", "")));

    assertThat(ch.isOpen()).isFalse();
    assertThat(delivered).isEmpty();
  }

  /** A head that does not end within the size limit has no boundary either. */
  @Test
  void closesTheConnectionWhenAHeadDoesNotEndWithinTheSizeLimit() {
    EmbeddedChannel ch = stream(ParseLimits.builder().maxMessageBytes(1000).build());
    ch.writeInbound(bytes("OPTIONS sip:x SIP/2.0\r\nX-Long: " + "y".repeat(1200)));

    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void closesAnIdleConnection() {
    EmbeddedChannel ch = stream(ParseLimits.DEFAULT);
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void aDatagramIsOneMessageFromItsSenderAndACrlfDatagramIsDropped() throws Exception {
    EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(SipParser.DEFAULT),
        new MessageDispatch(null, (m, f) -> {
          delivered.add(m);
          flows.add(f);
        }, "Bad response"));
    InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5999);
    InetSocketAddress self = new InetSocketAddress("127.0.0.1", 5060);
    ch.writeInbound(new DatagramPacket(bytes("\r\n\r\n"), self, sender));
    ch.writeInbound(new DatagramPacket(bytes(options("udp")), self, sender));
    ch.writeInbound(new DatagramPacket(bytes(options("bad").replace("SIP/2.0\r\nVia", "SIP/2.0 \r\nVia")), self,
        sender));

    assertThat(delivered).hasSize(1);
    assertThat(flows.get(0).remote()).isEqualTo(sender);
    assertThat(flows.get(0).isReliable()).isFalse();
    @SuppressWarnings("unchecked")
    AddressedEnvelope<ByteBuf, InetSocketAddress> answer = (AddressedEnvelope<ByteBuf, InetSocketAddress>) ch
        .readOutbound();
    assertThat(answer.recipient()).isEqualTo(sender);
    assertThat(((SipResponse) SipParser.DEFAULT.parse(answer.content().toString(StandardCharsets.UTF_8)))
        .statusCode()).isEqualTo(400);
    answer.release();
  }

  /** Write batching: with flush consolidation, answers written while a read batch is processed leave in one flush. */
  @Test
  void answersToOneReadBatchLeaveInOneFlush() {
    FlushCounter counter = new FlushCounter();
    EmbeddedChannel ch = new EmbeddedChannel();
    StreamFlow flow = new StreamFlow(ch, "TCP");
    ch.pipeline().addLast(counter,
        new io.netty.handler.flush.FlushConsolidationHandler(256, true),
        new SipStreamFraming(SipParser.DEFAULT),
        new MessageDispatch(flow, (m, f) -> {
          try {
            f.send(SipResponse.to((SipRequest) m, 200, null).build());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, "Bad response"));
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      batch.append(options("b" + i));
    }
    ch.writeOneInbound(bytes(batch.toString()));
    ch.pipeline().fireChannelReadComplete();
    ch.runPendingTasks();

    int answers = 0;
    while (written(ch) != null) {
      answers++;
    }
    assertThat(answers).isEqualTo(10);
    assertThat(counter.flushes()).isEqualTo(1);
  }
}
