package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * What the eP-CSCF does to a WIC's INVITE before the core sees it (issue 14): the asserted identity
 * and the Service-Route (EPC-60), the Bearer token of the call checked and removed (EPC-64), a new
 * P-Charging-Vector (EPC-65). A token registration on a fake flow, a fake core.
 */
class OriginatingCallRequestsTest {

  private WiredEpCscf epcscf;
  private FakeWicFlow flow;

  @BeforeEach
  void registered() throws Exception {
    epcscf = new WiredEpCscf();
    flow = epcscf.flow;
    epcscf.registerAndSubscribe();
  }

  @AfterEach
  void stop() {
    epcscf.close();
  }

  /** An initial INVITE of the WIC with {@code extra} header lines (each ending in CRLF). */
  private static SipRequest invite(String from, String extra) {
    return TestMessages.parse("INVITE sip:bob@ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bKinv" + extra.length() + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + from + ";tag=alice1\r\n"
        + "To: <sip:bob@ims.example.net>\r\n"
        + "Call-ID: call-1@df7jal23ls0d.invalid\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>\r\n"
        + extra
        + "Content-Length: 0\r\n\r\n");
  }

  private static SipRequest invite(String extra) {
    return invite("<sip:alice@ims.example.net>", extra);
  }

  private List<SipRequest> invitesToCore() {
    return epcscf.core.sent().stream().filter(SipMessage::isRequest).map(m -> (SipRequest) m)
        .filter(r -> r.isMethod(SipRequest.INVITE)).toList();
  }

  private SipRequest forwarded(SipRequest invite) {
    int before = invitesToCore().size();
    epcscf.wic.onRequest(flow, invite);
    assertThat(invitesToCore()).as("INVITEs sent to the core").hasSize(before + 1);
    return invitesToCore().get(before);
  }

  private SipResponse refused(SipRequest invite) {
    int before = invitesToCore().size();
    epcscf.wic.onRequest(flow, invite);
    assertThat(invitesToCore()).as("INVITEs sent to the core").hasSize(before);
    return flow.lastResponse();
  }

  private String token(String impi, List<String> impus) {
    return epcscf.waf.sign(TestTokens.claims(epcscf.now).claim("impi", impi).claim("impu", impus).build());
  }

  private String aliceToken() {
    return token(TestTokens.IMPI, List.of(TestTokens.IMPU, TestTokens.TEL_IMPU));
  }

  @Test
  void theWicsOwnAssertedIdentityGoesAndARegisteredPreferredOneIsAssertedAlongTheServiceRoute_EPC60() {
    SipRequest out = forwarded(invite("P-Asserted-Identity: <sip:boss@ims.example.net>\r\n"
        + "P-Preferred-Identity: <tel:+15551230001>\r\n"
        + "Route: <sip:elsewhere.example.net;lr>\r\n"));

    assertThat(out.headerLines(HeaderNames.P_ASSERTED_IDENTITY)).containsExactly("<tel:+15551230001>");
    assertThat(out.hasHeader("P-Preferred-Identity")).isFalse();
    assertThat(out.headerLines(HeaderNames.ROUTE)).containsExactly("<sip:orig@scscf.ims.example.net;lr>");
  }

  @Test
  void aPreferredIdentityThatIsNotRegisteredIsRemovedAndTheDefaultImpuAsserted_EPC60() {
    SipRequest out = forwarded(invite("P-Preferred-Identity: <sip:bob@ims.example.net>\r\n"));

    assertThat(out.headerLines(HeaderNames.P_ASSERTED_IDENTITY)).containsExactly("<sip:alice@ims.example.net>");
    assertThat(out.hasHeader("P-Preferred-Identity")).isFalse();
  }

  @Test
  void withoutAPreferredIdentityTheDefaultImpuIsAssertedWhateverFromSays_EPC60() throws Exception {
    // RFC 3323 anonymity: From names nobody; the core still learns who calls.
    SipRequest out = forwarded(invite("\"Anonymous\" <sip:anonymous@anonymous.invalid>", ""));

    assertThat(out.headerLines(HeaderNames.P_ASSERTED_IDENTITY)).containsExactly("<sip:alice@ims.example.net>");
    assertThat(out.from().uri().toString()).isEqualTo("sip:anonymous@anonymous.invalid");
  }

  @Test
  void anInviteOnAFlowThatNeverRegisteredIsForbidden_EPC60() {
    FakeWicFlow other = new FakeWicFlow("fl-Unbound1");
    int before = invitesToCore().size();
    epcscf.wic.onRequest(other, invite(""));

    assertThat(other.lastResponse().statusCode()).isEqualTo(403);
    assertThat(invitesToCore()).hasSize(before);
  }

  @Test
  void aNewChargingVectorReplacesTheWics_EPC65() {
    SipRequest one = forwarded(invite("P-Charging-Vector: icid-value=\"wic-made\"\r\n"));
    SipRequest two = forwarded(invite("Subject: again\r\n"));

    assertThat(one.headerLines(HeaderNames.P_CHARGING_VECTOR)).hasSize(1);
    assertThat(one.header(HeaderNames.P_CHARGING_VECTOR)).startsWith("icid-value=").doesNotContain("wic-made");
    assertThat(two.header(HeaderNames.P_CHARGING_VECTOR)).startsWith("icid-value=")
        .isNotEqualTo(one.header(HeaderNames.P_CHARGING_VECTOR));
  }

  @Test
  void aValidBearerOfTheRegisteredUserIsAcceptedAndRemovedBeforeTheCore_EPC64() {
    SipRequest out = forwarded(invite("Authorization: Bearer " + aliceToken() + "\r\n"));

    assertThat(out.hasHeader(HeaderNames.AUTHORIZATION)).isFalse();
    assertThat(out.encode()).doesNotContain("Bearer");
  }

  @Test
  void anInvalidBearerGets401WithTheBearerChallengeAndNothingReachesTheCore_EPC64() throws Exception {
    SipResponse r = refused(invite("Authorization: Bearer " + aliceToken().substring(0, 60) + "x.y.z\r\n"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.cseq().method()).isEqualTo(SipRequest.INVITE);
    BearerChallenge c = BearerChallenge.from(r.authValues(HeaderNames.WWW_AUTHENTICATE).get(0));
    assertThat(c.error()).isEqualTo("invalid_token");
    assertThat(c.authzServer()).isEqualTo("https://localhost:8443");
  }

  @Test
  void anExpiredBearerGets401Too_EPC64() throws Exception {
    String expired = epcscf.waf.sign(TestTokens.claims(epcscf.now.minusSeconds(3600)).build());
    SipResponse r = refused(invite("Authorization: Bearer " + expired + "\r\n"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(BearerChallenge.from(r.authValues(HeaderNames.WWW_AUTHENTICATE).get(0)).error())
        .isEqualTo("invalid_token");
  }

  @Test
  void aValidTokenOfSomeoneElseThanTheFlowsRegistrationIsForbidden_EPC64() {
    SipResponse r = refused(invite("Authorization: Bearer "
        + token("bob_private@ims.example.net", List.of("sip:bob@ims.example.net")) + "\r\n"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Token does not match the registration");
  }

  @Test
  void aTokenRegisteredFlowMaySendARequestWithoutBearer_EPC64() {
    SipRequest out = forwarded(invite(""));

    assertThat(out.headerLines(HeaderNames.P_ASSERTED_IDENTITY)).containsExactly("<sip:alice@ims.example.net>");
  }
}
