package org.webims.epcscf.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.media.Bencode.BencodeException;

/** The ng protocol's encoding (EPC-80): what rtpengine sends and reads. */
class BencodeTest {

  private static String encode(Object value) {
    return new String(Bencode.encode(value), StandardCharsets.UTF_8);
  }

  private static Object decode(String text) {
    return Bencode.decode(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encodesStringsIntegersListsAndDictionariesInOrder() {
    Map<String, Object> offer = new LinkedHashMap<>();
    offer.put("command", "offer");
    offer.put("ICE", "remove");
    offer.put("rtcp-mux", List.of("demux"));
    offer.put("limit", 32);
    assertThat(encode(offer)).isEqualTo("d7:command5:offer3:ICE6:remove8:rtcp-muxl5:demuxe5:limiti32ee");
  }

  @Test
  void stringLengthsCountUtf8Bytes() {
    assertThat(encode("s=é")).isEqualTo("4:s=é");
    assertThat(decode("4:s=é")).isEqualTo("s=é");
  }

  @Test
  void decodesAnNgReply() {
    Object reply = decode("d6:result2:ok5:callsl3:abc3:defe7:createdi1796449659e8:negativei-5ee");
    assertThat(reply).isEqualTo(Map.of("result", "ok", "calls", List.of("abc", "def"), "created", 1796449659L,
        "negative", -5L));
  }

  @Test
  void roundTripsAnSdp() {
    String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    assertThat(Bencode.decode(Bencode.encode(Map.of("sdp", sdp)))).isEqualTo(Map.of("sdp", sdp));
  }

  @Test
  void malformedInputFailsWithTheOffsetNotAnIndexError() {
    assertThatThrownBy(() -> decode("d6:result2:ok")).isInstanceOf(BencodeException.class)
        .hasMessageContaining("ends early");
    assertThatThrownBy(() -> decode("99:short")).isInstanceOf(BencodeException.class)
        .hasMessageContaining("runs past the end");
    assertThatThrownBy(() -> decode("i12x4e")).isInstanceOf(BencodeException.class).hasMessageContaining("bad number");
    assertThatThrownBy(() -> decode("ie")).isInstanceOf(BencodeException.class).hasMessageContaining("empty number");
    assertThatThrownBy(() -> decode("di1e1:xe")).isInstanceOf(BencodeException.class)
        .hasMessageContaining("key must be a string");
    assertThatThrownBy(() -> decode("2:ab2:cd")).isInstanceOf(BencodeException.class)
        .hasMessageContaining("trailing bytes");
    assertThatThrownBy(() -> decode("x")).isInstanceOf(BencodeException.class).hasMessageContaining("unexpected byte");
  }

  @Test
  void nestingIsBounded() {
    String deep = "l".repeat(Bencode.MAX_DEPTH + 2) + "e".repeat(Bencode.MAX_DEPTH + 2);
    assertThatThrownBy(() -> decode(deep)).isInstanceOf(BencodeException.class).hasMessageContaining("nested deeper");
  }

  @Test
  void refusesWhatBencodeCannotCarry() {
    assertThatThrownBy(() -> Bencode.encode(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bencode.encode(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
  }
}
