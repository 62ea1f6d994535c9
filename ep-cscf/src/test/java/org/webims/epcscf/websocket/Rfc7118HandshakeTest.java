package org.webims.epcscf.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** EPC-02, EPC-03 decisions of the handshake interceptor (over a socket in EpCscfWssTest). */
class Rfc7118HandshakeTest {

  @Test
  void findsSipAmongOfferedSubprotocols_EPC02() {
    assertThat(Rfc7118Handshake.offersSip(List.of("chat, sip"))).isTrue();
    assertThat(Rfc7118Handshake.offersSip(List.of("chat", "sip"))).isTrue();
    assertThat(Rfc7118Handshake.offersSip(List.of("sips"))).isFalse();
    assertThat(Rfc7118Handshake.offersSip(List.of())).isFalse();
  }

  @Test
  void comparesOriginsCaseInsensitivelyWithoutTrailingSlash_EPC03() {
    assertThat(Rfc7118Handshake.normalize("HTTPS://LocalHost:8443/")).isEqualTo("https://localhost:8443");
  }
}
