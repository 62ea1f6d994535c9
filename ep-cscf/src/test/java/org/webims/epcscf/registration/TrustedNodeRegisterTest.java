package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.token.AccessToken;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;

/** The Trusted Node rewrite alone (EPC-04, 05, 07, 08, 24, 26). */
class TrustedNodeRegisterTest {

  private final CoreHop udpHop =
      new CoreHop("UDP", new InetSocketAddress("127.0.0.1", 5060), "10.0.0.5", 5062);
  private final TrustedNodeRegister rewrite = new TrustedNodeRegister("ims.example.net", "visited.example.net",
      false, udpHop);
  private final FakeWicFlow flow = new FakeWicFlow("fl-abc");
  private final AccessToken token = new AccessToken(TestTokens.ISSUER, "alice", TestTokens.IMPI,
      List.of(TestTokens.IMPU), Instant.now().plusSeconds(300), null);

  private SipRequest rewrite(String text) throws Exception {
    return rewrite.rewrite(TestMessages.parse(text), token, flow);
  }

  @Test
  void pathNamesTheFlowAndTheCoreTransportWithObForAnOutboundRegister_EPC07() throws Exception {
    SipRequest out = rewrite(TestMessages.register("Bearer x"));
    assertThat(out.header(HeaderNames.PATH)).isEqualTo("<sip:fl-abc@10.0.0.5:5062;transport=udp;lr;ob>");
    assertThat(out.header(HeaderNames.P_VISITED_NETWORK_ID)).isEqualTo("\"visited.example.net\"");
  }

  @Test
  void pathHasNoObWithoutRegId_EPC07() throws Exception {
    SipRequest out = rewrite(TestMessages.register("Bearer x").replace(";reg-id=1", ""));
    assertThat(out.header(HeaderNames.PATH)).isEqualTo("<sip:fl-abc@10.0.0.5:5062;transport=udp;lr>");
  }

  @Test
  void pathHasNoObWhenTheRegisterCrossedAnotherProxy_EPC07() throws Exception {
    SipRequest out = rewrite(TestMessages.register("Bearer x").replace("Max-Forwards: 70\r\n",
        "Via: SIP/2.0/WSS other.invalid;branch=z9hG4bKx\r\nMax-Forwards: 70\r\n"));
    assertThat(out.header(HeaderNames.PATH)).doesNotContain(";ob");
  }

  @Test
  void stampsReceivedEvenWithoutRport_EPC05() throws Exception {
    SipRequest out = rewrite(TestMessages.register("Bearer x").replace(";rport;", ";"));
    assertThat(out.topVia().received()).isEqualTo("198.51.100.23");
    assertThat(out.topVia().hasRport()).isFalse();
  }

  @Test
  void leavesMaxForwardsToTheProxyCoreAndMergesRequire() throws Exception {
    SipRequest out = rewrite(TestMessages.register("Bearer x").replace("Max-Forwards: 70\r\n", "Require: sec-agree\r\n"));
    assertThat(out.hasHeader(HeaderNames.MAX_FORWARDS)).isFalse(); // RFC 3261 §16.6 step 3 adds 70 on the way out
    assertThat(out.require()).containsExactly("sec-agree", "path");
  }

  @Test
  void dropsEveryCredentialAndTrustedNodeHeaderTheWicSent_EPC26() throws Exception {
    String text = TestMessages.register("Bearer secret-token").replace("Expires: 600000\r\n",
        "Expires: 600000\r\nProxy-Authorization: Bearer other-secret\r\nP-Charging-Vector: icid-value=forged\r\n"
            + "P-Asserted-Identity: <sip:admin@ims.example.net>\r\nPath: <sip:evil@attacker.example>\r\n"
            + "Authorization: Digest username=\"x\", realm=\"r\", nonce=\"\", uri=\"sip:r\", response=\"\", integrity-protected=\"tls-yes\"\r\n");
    SipRequest out = rewrite(text);
    assertThat(out.encode()).doesNotContain("secret").doesNotContain("Bearer").doesNotContain("forged")
        .doesNotContain("admin").doesNotContain("evil").doesNotContain("tls-yes");
    assertThat(out.headerLines(HeaderNames.AUTHORIZATION)).hasSize(1);
    assertThat(out.paths()).hasSize(1);
  }

  @Test
  void wafIdentityIsTheIssuerHost_EPC25() {
    assertThat(TrustedNodeRegister.wafIdentity("https://waf.example.net:8443/x")).isEqualTo("waf.example.net");
  }
}
