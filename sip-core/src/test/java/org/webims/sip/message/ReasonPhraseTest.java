package org.webims.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.testing.NonAsciiInputs.isValidUtf16;

import org.junit.jupiter.api.Test;

/** RFC 3261 §25.1 Reason-Phrase, issue 12 point 8: a reason phrase is always one line of valid UTF-8, bounded, cut only between code points. */
class ReasonPhraseTest {

  @Test
  void keepsAnOrdinaryPhrase() {
    assertThat(ReasonPhrase.safe("Bad CSeq: method does not match request line"))
        .isEqualTo("Bad CSeq: method does not match request line");
    assertThat(ReasonPhrase.safe("Prüfung 😀 ok")).isEqualTo("Prüfung 😀 ok");
  }

  @Test
  void replacesLoneSurrogatesAndControlCharacters() {
    assertThat(ReasonPhrase.safe("unexpected '\uD83D'")).isEqualTo("unexpected '\uFFFD'");
    assertThat(ReasonPhrase.safe("x\uDE00y")).isEqualTo("x\uFFFDy");
    assertThat(ReasonPhrase.safe("a\r\nSIP/2.0 200 OK\u0000b\u007f")).isEqualTo("a  SIP/2.0 200 OK b ");
    assertThat(ReasonPhrase.safe(null)).isEmpty();
  }

  @Test
  void boundsTheLengthWithoutSplittingACodePoint() {
    String emojis = "😀".repeat(ReasonPhrase.MAX_LENGTH);
    String safe = ReasonPhrase.safe(emojis);
    assertThat(safe.length()).isLessThanOrEqualTo(ReasonPhrase.MAX_LENGTH);
    assertThat(isValidUtf16(safe)).isTrue();
    String odd = "x" + emojis;
    assertThat(isValidUtf16(ReasonPhrase.safe(odd))).isTrue();
    assertThat(ReasonPhrase.safe(odd)).hasSize(ReasonPhrase.MAX_LENGTH - 1);
  }

  @Test
  void everyBuiltResponseCarriesASafePhrase() {
    SipResponse r = SipResponse.builder(400, "Bad CSeq: unexpected '\uD83D'\r\nX: y").build();
    assertThat(r.reasonPhrase()).isEqualTo("Bad CSeq: unexpected '\uFFFD'  X: y");
    assertThat(isValidUtf16(r.encode())).isTrue();
    SipResponse changed = r.toBuilder().status(500, "\uDE00".repeat(500)).build();
    assertThat(changed.reasonPhrase()).hasSize(ReasonPhrase.MAX_LENGTH);
  }
}
