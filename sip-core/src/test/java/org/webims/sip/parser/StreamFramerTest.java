package org.webims.sip.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;

/** Issue 12: an unusable message on a stream is skipped by its Content-Length and the stream stays in step. */
class StreamFramerTest {

  private static final String OPTIONS = "OPTIONS sip:a@ims.example.net SIP/2.0\r\n"
      + "Via: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK1\r\n"
      + "From: <sip:b@ims.example.net>;tag=1\r\n"
      + "To: <sip:a@ims.example.net>\r\n"
      + "Call-ID: framer\r\n"
      + "CSeq: 1 OPTIONS\r\n"
      + "Max-Forwards: 70\r\n";

  private final List<String> events = new ArrayList<>();
  private final StreamFramer.Sink sink = new StreamFramer.Sink() {
    @Override
    public void message(SipMessage message) {
      events.add("message " + message.header("Call-ID"));
    }

    @Override
    public void keepAlive() {
      events.add("ping");
    }

    @Override
    public void unreadable(String head, SipParseException problem) {
      events.add("unreadable " + problem.reason());
    }
  };

  private static String withBody(String head, String body) {
    return head + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private void feedInChunks(StreamFramer framer, String text, int chunk) throws SipParseException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += chunk) {
      framer.feed(bytes, i, Math.min(chunk, bytes.length - i), sink);
    }
  }

  @Test
  void aHeadWithTooManyFieldsIsSkippedWithItsBodyAndTheNextMessageArrives() throws Exception {
    String many = OPTIONS.replace("Call-ID: framer", "Call-ID: bad") + "X-Filler: x\r\n".repeat(250);
    String stream = withBody(many, "hello") + withBody(OPTIONS, "");

    feedInChunks(new StreamFramer(SipParser.DEFAULT), stream, 7);

    assertThat(events).containsExactly("unreadable Too many header fields", "message framer");
  }

  @Test
  void aBodyOverTheLimitIsDroppedAsItComesAndTheNextMessageArrives() throws Exception {
    StreamFramer framer = new StreamFramer(SipParser.DEFAULT);
    String stream = withBody(OPTIONS, "b".repeat(200_000)) + "\r\n\r\n" + withBody(OPTIONS, "");

    feedInChunks(framer, stream, 8192);

    assertThat(events).containsExactly("unreadable Message Too Large", "ping", "message framer");
    assertThat(framer.buffered()).isZero();
  }

  @Test
  void aMalformedHeadWithoutAReadableContentLengthHasNoBoundary() {
    String bad = OPTIONS + "Bad header line\r\nContent-Length: five\r\n\r\n";

    assertThatThrownBy(() -> feedInChunks(new StreamFramer(SipParser.DEFAULT), bad, 64))
        .isInstanceOf(SipParseException.class);
    assertThat(events).isEmpty();
  }

  @Test
  void aSinkThatDoesNotHandleUnreadableMessagesGivesTheStreamUp() {
    StreamFramer.Sink plain = new StreamFramer.Sink() {
      @Override
      public void message(SipMessage message) {
      }

      @Override
      public void keepAlive() {
      }
    };
    byte[] bytes = withBody(OPTIONS + "X: y\r\n".repeat(250), "").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> new StreamFramer(SipParser.DEFAULT).feed(bytes, 0, bytes.length, plain))
        .isInstanceOf(SipParseException.class).hasMessageContaining("Too many header fields");
  }
}
