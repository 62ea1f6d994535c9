package org.webims.sip.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.TestMessages;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerCredentials;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.header.Address;
import org.webims.sip.header.Contact;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.TelUri;

/** Every example message of conformance checklist §5 parses, validates, round-trips and reads right. */
class ChecklistExamplesTest {

  static Stream<String> examples() {
    return Stream.of("5.1-register-bearer", "5.2-register-tna", "5.3-401-digest", "5.4-register-digest",
        "5.5-200-ok", "5.6-deregister-bearer", "5.7-notify-terminated");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleParsesAsWebSocketTextValidatesAndRoundTrips(String id) throws SipParseException {
    String text = TestMessages.checklist(id);
    SipMessage message = SipParser.DEFAULT.parse(text);
    message.validate();
    assertThat(message.encode()).isEqualTo(text);
    assertThat(SipParser.DEFAULT.parse(message.encode())).isEqualTo(message);
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(SipParser.DEFAULT.parse(bytes, 0, bytes.length)).isEqualTo(message);
  }

  @Test
  void bearerRegisterExposesWicViaContactAndToken() throws SipParseException {
    // WIC-05, WIC-06, WIC-07, WIC-11, WIC-12, WIC-31
    SipRequest r = TestMessages.checklistRequest("5.1-register-bearer");
    assertThat(r.method()).isEqualTo("REGISTER");
    assertThat(r.requestUri()).isEqualTo(SipUri.of(null, "ims.example.net"));
    Via via = r.topVia();
    assertThat(via.transport()).isEqualTo("WSS");
    assertThat(via.host()).isEqualTo("df7jal23ls0d.invalid");
    assertThat(via.hasRport()).isTrue();
    assertThat(via.rport()).isEqualTo(-1);
    assertThat(via.branch()).isEqualTo("z9hG4bK56sdasks");
    assertThat(r.from().tag()).isEqualTo("4fa3b2");
    assertThat(r.to().tag()).isNull();
    assertThat(r.to().uri()).isEqualTo(SipUri.of("alice", "ims.example.net"));
    assertThat(r.maxForwards()).isEqualTo(70);
    assertThat(r.expires()).isEqualTo(600000);
    assertThat(r.supported()).containsExactly("path", "gruu", "outbound");
    Contact c = r.contacts().get(0);
    assertThat(c.instance()).isEqualTo("<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>");
    assertThat(c.regId()).isEqualTo(1);
    assertThat(((SipUri) c.address().uri()).transport()).isEqualTo("ws");
    List<AuthValue> auth = r.authValues(HeaderNames.AUTHORIZATION);
    assertThat(auth).hasSize(1);
    BearerCredentials bearer = BearerCredentials.from(auth.get(0));
    assertThat(bearer.token()).startsWith("eyJhbGciOiJSUzI1NiIsImtpZCI6IndhZi0xIn0.").endsWith("c2lnbmF0dXJlLW9taXR0ZWQ");
    assertThat(bearer.toString()).doesNotContain("eyJpc3Mi");
  }

  @Test
  void trustedNodeRegisterCarriesAuthDoneRportReceivedPathAndChargingHeaders() throws SipParseException {
    // EPC-04, EPC-05, EPC-07, EPC-08, EPC-24
    SipRequest r = TestMessages.checklistRequest("5.2-register-tna");
    List<Via> vias = r.vias();
    assertThat(vias).hasSize(2);
    assertThat(vias.get(0).transport()).isEqualTo("TCP");
    assertThat(vias.get(0).port()).isEqualTo(5060);
    assertThat(vias.get(1).rport()).isEqualTo(52810);
    assertThat(vias.get(1).received()).isEqualTo("198.51.100.23");
    Address path = r.paths().get(0);
    SipUri pathUri = (SipUri) path.uri();
    assertThat(pathUri.user()).isEqualTo("fl-7Q2xYc");
    assertThat(pathUri.hasParameter("lr")).isTrue();
    assertThat(pathUri.hasParameter("ob")).isTrue();
    assertThat(pathUri.parameter("lr")).isNull();
    assertThat(pathUri.transport()).isEqualTo("tcp");
    assertThat(r.require()).containsExactly("path");
    assertThat(r.pVisitedNetworkIds().get(0).network()).isEqualTo("ims.example.net");
    assertThat(r.pChargingVector().icidValue()).isEqualTo("AyretyU0dm+6O2IrT5tAFrbHLso=023551024");
    DigestCredentials d = DigestCredentials.from(r.authValues(HeaderNames.AUTHORIZATION).get(0));
    assertThat(d.username()).isEqualTo("alice_private@ims.example.net");
    assertThat(d.realm()).isEqualTo("ims.example.net");
    assertThat(d.uri()).isEqualTo("sip:ims.example.net");
    assertThat(d.nonce()).isEmpty();
    assertThat(d.response()).isEmpty();
    assertThat(d.hasResponse()).isFalse();
    assertThat(d.integrityProtected()).isEqualTo("auth-done");
  }

  @Test
  void challengeWithTwoAlgorithmsGivesBothInOrder() throws SipParseException {
    // WIC-22, WIC-23
    SipResponse r = TestMessages.checklistResponse("5.3-401-digest");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.reasonPhrase()).isEqualTo("Unauthorized");
    List<AuthValue> challenges = r.authValues(HeaderNames.WWW_AUTHENTICATE);
    assertThat(challenges).hasSize(2);
    DigestChallenge first = DigestChallenge.from(challenges.get(0));
    DigestChallenge second = DigestChallenge.from(challenges.get(1));
    assertThat(first.algorithm()).isEqualTo("SHA-256");
    assertThat(first.nonce()).isEqualTo("5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c");
    assertThat(first.qopOptions()).containsExactly("auth");
    assertThat(first.opaque()).isEqualTo("e3b0c442");
    assertThat(first.stale()).isFalse();
    assertThat(second.algorithm()).isEqualTo("MD5");
    assertThat(second.realm()).isEqualTo("ims.example.net");
  }

  @Test
  void digestResponseCarriesEveryParameter() throws SipParseException {
    // WIC-22, EPC-12
    SipRequest r = TestMessages.checklistRequest("5.4-register-digest");
    DigestCredentials d = DigestCredentials.from(r.authValues(HeaderNames.AUTHORIZATION).get(0));
    assertThat(d.algorithm()).isEqualTo("SHA-256");
    assertThat(d.cnonce()).isEqualTo("0a4f113b");
    assertThat(d.nc()).isEqualTo("00000001");
    assertThat(d.qop()).isEqualTo("auth");
    assertThat(d.opaque()).isEqualTo("e3b0c442");
    assertThat(d.response()).isEqualTo("184a6ce536be2bb86580e428b53a5142a64a9f55176929b6bd29b03319a5d49a");
    assertThat(d.integrityProtected()).isNull();
    assertThat(d.withIntegrityProtected("tls-pending").toString())
        .endsWith("nc=00000001, integrity-protected=\"tls-pending\"");
    assertThat(r.cseq().sequence()).isEqualTo(2);
  }

  @Test
  void okResponseGivesGrantedExpiryServiceRouteAndAssociatedUris() throws SipParseException {
    // WIC-13, WIC-14, WIC-15, EPC-31
    SipResponse r = TestMessages.checklistResponse("5.5-200-ok");
    assertThat(r.contacts().get(0).expires()).isEqualTo(3600);
    assertThat(r.serviceRoutes()).extracting(a -> a.uri().toString()).containsExactly("sip:orig@scscf.ims.example.net;lr");
    List<Address> associated = r.pAssociatedUris();
    assertThat(associated.get(0).uri()).isEqualTo(SipUri.of("alice", "ims.example.net"));
    assertThat(associated.get(1).uri()).isInstanceOf(TelUri.class);
    assertThat(((TelUri) associated.get(1).uri()).number()).isEqualTo("+15551230001");
    assertThat(r.to().tag()).isEqualTo("ab03a0");
    assertThat(r.header(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)).isEqualTo("ccf=192.0.2.10");
  }

  @Test
  void deregistrationAsksForZeroExpiry() throws SipParseException {
    // WIC-40
    SipRequest r = TestMessages.checklistRequest("5.6-deregister-bearer");
    assertThat(r.expires()).isZero();
    assertThat(r.cseq().sequence()).isEqualTo(3);
  }

  @Test
  void regNotifyCarriesEventStateAndTheWholeBody() throws SipParseException {
    // WIC-44, WIC-45, SCS-12
    SipRequest r = TestMessages.checklistRequest("5.7-notify-terminated");
    assertThat(r.event().eventType()).isEqualTo("reg");
    assertThat(r.subscriptionState().isTerminated()).isTrue();
    assertThat(r.contentType().is("application/reginfo+xml")).isTrue();
    assertThat(r.bodyLength()).isEqualTo(673);
    assertThat(r.bodyAsString()).contains("event=\"deactivated\"").endsWith("</reginfo>\r\n");
    assertThat(r.topVia().port()).isEqualTo(443);
  }
}
