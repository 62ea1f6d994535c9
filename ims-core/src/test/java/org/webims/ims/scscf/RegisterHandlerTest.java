package org.webims.ims.scscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.ims.testing.TestSubscribers.ALICE_IMPI;
import static org.webims.ims.testing.TestSubscribers.ALICE_SIP;
import static org.webims.ims.testing.TestSubscribers.ALICE_TEL;
import static org.webims.ims.testing.TestSubscribers.BOB_IMPI;
import static org.webims.ims.testing.TestSubscribers.BOB_SIP;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.ims.config.ImsProperties;
import org.webims.ims.testing.TestDigest;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.ims.testing.VirtualClock;
import org.webims.sip.header.Contact;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** The S-CSCF's REGISTER handling without sockets, on a virtual clock (SCS-05..09, RFC 3261 §10.3). */
class RegisterHandlerTest {

  static final InetAddress TRUSTED = InetAddress.getLoopbackAddress();
  static final InetAddress UNTRUSTED;

  static {
    try {
      UNTRUSTED = InetAddress.getByName("192.0.2.66");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final VirtualClock clock = new VirtualClock();
  final Registrar registrar = new Registrar(clock, clock);
  final ScscfRequestHandler scscf = new ScscfRequestHandler(new RegisterHandler(registrar,
      new RegisterAuthorization(TestSubscribers.inMemory(TestSubscribers.alice(), TestSubscribers.bob()),
          List.of(TRUSTED), TestSubscribers.REALM, TestDigest.defaults(), clock),
      new ImsProperties.Registrar(3600, 60, 3600, "sip:orig@scscf.ims.example.net;lr", "ccf=192.0.2.10", 10)));

  SipResponse send(SipRequest.Builder request) {
    return scscf.handle(request.build(), TRUSTED);
  }

  @Test
  void scs05RegistersTheImplicitSetForAuthDoneFromATrustedNode() throws Exception {
    SipResponse ok = send(TestRegisters.alice("TCP", 1));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(registrar.bindings(ALICE_SIP)).singleElement().satisfies(b -> {
      assertThat(b.impi()).isEqualTo(ALICE_IMPI);
      assertThat(b.uri()).isEqualTo(TestRegisters.CONTACT_URI);
      assertThat(b.instance()).isEqualTo("<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>");
      assertThat(b.regId()).isEqualTo(1);
      assertThat(b.path()).containsExactly(TestRegisters.PATH);
    });
    assertThat(registrar.bindings(ALICE_TEL)).isEqualTo(registrar.bindings(ALICE_SIP));
  }

  @Test
  void scs05RegistersTheTelUriWhenItIsTheToIdentity() throws Exception {
    SipResponse ok = send(TestRegisters.register("TCP", ALICE_TEL, ALICE_IMPI, 1));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.contacts()).hasSize(1);
    assertThat(registrar.bindings(ALICE_SIP)).hasSize(1);
  }

  @Test
  void scs05RefusesAuthDoneFromAnUntrustedNode() throws Exception {
    SipResponse r = scscf.handle(TestRegisters.alice("TCP", 1).build(), UNTRUSTED);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Untrusted node");
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void scs01ARegisterWithoutAuthDoneIsChallengedInsteadOfBound() throws Exception {
    SipResponse noAuth = send(TestRegisters.alice("TCP", 1).removeHeader(HeaderNames.AUTHORIZATION));
    SipResponse tlsPending = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.AUTHORIZATION,
        TestDigest.emptyResponse(ALICE_IMPI, "tls-pending")));

    assertThat(noAuth.statusCode()).isEqualTo(401);
    assertThat(tlsPending.statusCode()).isEqualTo(401);
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void scs05RefusesAnUnknownPrivateIdentity() {
    SipResponse r = send(TestRegisters.alice("TCP", 1)
        .setHeader(HeaderNames.AUTHORIZATION, TestRegisters.tnaAuthorization("mallory@ims.example.net", null)));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Unknown private identity");
  }

  @Test
  void scs05RefusesAPublicIdentityOfAnotherSubscriber() {
    SipResponse r = send(TestRegisters.register("TCP", BOB_SIP, ALICE_IMPI, 1));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Public identity not associated with private identity");
    assertThat(registrar.bindings(BOB_SIP)).isEmpty();
  }

  @Test
  void scs06RefusesAWafIdentityNotAllowedForTheSubscriber() {
    SipResponse barred = send(TestRegisters.register("TCP", BOB_SIP, BOB_IMPI, 1)
        .setHeader(HeaderNames.AUTHORIZATION, TestRegisters.tnaAuthorization(BOB_IMPI, "waf.evil.example")));
    SipResponse allowed = send(TestRegisters.register("TCP", BOB_SIP, BOB_IMPI, 2)
        .setHeader(HeaderNames.AUTHORIZATION, TestRegisters.tnaAuthorization(BOB_IMPI, "WAF.example.net")));

    assertThat(barred.statusCode()).isEqualTo(403);
    assertThat(barred.reasonPhrase()).isEqualTo("WAF not allowed for this subscriber");
    assertThat(allowed.statusCode()).isEqualTo(200);
  }

  @Test
  void scs06aFailsClosedWhenTheSubscriberListsWafsAndTheRegisterNamesNone() {
    SipResponse r = send(TestRegisters.register("TCP", BOB_SIP, BOB_IMPI, 1));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("WAF identity required for this subscriber");
    assertThat(registrar.bindings(BOB_SIP)).isEmpty();
  }

  @Test
  void scs06AllowsAnyWafWhenTheSubscriberListsNone() {
    SipResponse r = send(TestRegisters.alice("TCP", 1)
        .setHeader(HeaderNames.AUTHORIZATION, TestRegisters.tnaAuthorization(ALICE_IMPI, "any.waf.example")));

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void scs07OkEchoesPathAndAddsServiceRouteAssociatedUrisOutboundAndCharging() throws Exception {
    SipResponse ok = send(TestRegisters.alice("TCP", 1));

    assertThat(ok.to().tag()).isNotBlank();
    assertThat(ok.headerLines(HeaderNames.PATH)).containsExactly(TestRegisters.PATH);
    assertThat(ok.header(HeaderNames.SERVICE_ROUTE)).isEqualTo("<sip:orig@scscf.ims.example.net;lr>");
    assertThat(ok.pAssociatedUris()).extracting(a -> a.uri().toString()).containsExactly(ALICE_SIP, ALICE_TEL);
    assertThat(ok.require()).containsExactly("outbound");
    assertThat(ok.header(HeaderNames.P_CHARGING_VECTOR)).isEqualTo(TestRegisters.ICID);
    assertThat(ok.header(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)).isEqualTo("ccf=192.0.2.10");
    Contact contact = ok.contacts().get(0);
    assertThat(contact.address().uri().toString()).isEqualTo(TestRegisters.CONTACT_URI);
    assertThat(contact.regId()).isEqualTo(1);
    assertThat(contact.expires()).isEqualTo(3600);
  }

  @Test
  void scs07NoOutboundWithoutObOnTheEdgePathWhenTheRequestCameThroughAProxy() throws Exception {
    SipResponse ok = send(TestRegisters.alice("TCP", 1)
        .setHeader(HeaderNames.PATH, "<sip:fl-1@epcscf.ims.example.net;lr>"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.require()).isEmpty();
    assertThat(registrar.bindings(ALICE_SIP).get(0).isOutbound()).isFalse();
  }

  @Test
  void scs08GrantsAtMostTheMaximumExpiryAndHonoursShorterRequests() throws Exception {
    SipResponse capped = send(TestRegisters.alice("TCP", 1));
    SipResponse shorter = send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.EXPIRES, "600"));

    assertThat(capped.contacts().get(0).expires()).isEqualTo(3600);
    assertThat(shorter.contacts().get(0).expires()).isEqualTo(600);
    assertThat(registrar.bindings(ALICE_SIP)).hasSize(1);
  }

  @Test
  void scs08ContactExpiresParameterWinsOverTheExpiresHeader() throws Exception {
    SipResponse ok = send(TestRegisters.alice("TCP", 1)
        .setHeader(HeaderNames.CONTACT, TestRegisters.CONTACT + ";expires=120"));

    assertThat(ok.contacts().get(0).expires()).isEqualTo(120);
  }

  @Test
  void scs08AnswersIntervalTooBriefBelowTheMinimum() {
    SipResponse r = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.EXPIRES, "59"));

    assertThat(r.statusCode()).isEqualTo(423);
    assertThat(r.header(HeaderNames.MIN_EXPIRES)).isEqualTo("60");
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void scs09ExpiresZeroRemovesTheBindingFromTheWholeSet() throws Exception {
    send(TestRegisters.alice("TCP", 1));

    SipResponse ok = send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.EXPIRES, "0"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.contacts()).isEmpty();
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
    assertThat(registrar.bindings(ALICE_TEL)).isEmpty();
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void scs09ContactExpiresZeroRemovesTheBinding() {
    send(TestRegisters.alice("TCP", 1));

    SipResponse ok = send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.CONTACT, TestRegisters.CONTACT + ";expires=0"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void scs09WildcardWithExpiresZeroRemovesEveryBinding() {
    send(TestRegisters.alice("TCP", 1));
    send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.CONTACT, "<sip:other@192.0.2.4>"));
    assertThat(registrar.bindings(ALICE_SIP)).hasSize(2);

    SipResponse ok = send(TestRegisters.alice("TCP", 3).setHeader(HeaderNames.CONTACT, "*")
        .setHeader(HeaderNames.EXPIRES, "0"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void wildcardWithNonZeroExpiresIsABadRequest() {
    SipResponse r = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CONTACT, "*"));

    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void bindingLapsesAtItsExpiry() {
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.EXPIRES, "600"));

    clock.advanceSeconds(599);
    assertThat(registrar.bindings(ALICE_SIP)).hasSize(1);
    clock.advanceSeconds(1);
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
    assertThat(registrar.bindings(ALICE_TEL)).isEmpty();
  }

  @Test
  void reRegistrationRestartsTheExpiryTimer() {
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.EXPIRES, "600"));
    clock.advanceSeconds(500);
    send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.EXPIRES, "600"));

    clock.advanceSeconds(500);

    assertThat(registrar.bindings(ALICE_SIP)).hasSize(1);
    assertThat(clock.pendingTimers()).isEqualTo(1);
  }

  @Test
  void okListsRemainingSecondsOfOtherBindings() throws Exception {
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.EXPIRES, "600"));
    clock.advanceSeconds(100);

    SipResponse ok = send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.CONTACT, "<sip:second@192.0.2.4>"));

    assertThat(ok.contacts()).extracting(Contact::expires).containsExactly(500L, 3600L);
  }

  @Test
  void olderCSeqOfTheSameCallIdFailsAndLeavesTheBinding() throws Exception {
    send(TestRegisters.alice("TCP", 5).setHeader(HeaderNames.EXPIRES, "600"));

    SipResponse r = send(TestRegisters.alice("TCP", 4).setHeader(HeaderNames.EXPIRES, "0"));

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(registrar.bindings(ALICE_SIP)).singleElement().extracting(Binding::cseq).isEqualTo(5L);
  }

  @Test
  void aNewCallIdReplacesTheBindingOfTheSameInstanceAndRegId() throws Exception {
    send(TestRegisters.alice("TCP", 5));

    SipResponse ok = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CALL_ID, "new-call-id")
        .setHeader(HeaderNames.CONTACT, "<sip:moved@192.0.2.9;transport=ws>;+sip.instance="
            + "\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\";reg-id=1"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(registrar.bindings(ALICE_SIP)).singleElement().satisfies(b -> {
      assertThat(b.uri()).isEqualTo("sip:moved@192.0.2.9;transport=ws");
      assertThat(b.callId()).isEqualTo("new-call-id");
    });
  }

  /** Issue 13, sip-core's ContactIdentity: RFC 5627 §7.1.2.1, an instance without reg-id names the binding. */
  @Test
  void anInstanceWithoutRegIdReplacesItsBindingOnANewUri() throws Exception {
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CONTACT, plainInstance("sip:c1@192.0.2.4;transport=ws", 7)));

    SipResponse ok = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CALL_ID, "new-call-id")
        .setHeader(HeaderNames.CONTACT, plainInstance("sip:moved@192.0.2.9;transport=ws", 7)));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(registrar.bindings(ALICE_SIP)).singleElement()
        .satisfies(b -> assertThat(b.uri()).isEqualTo("sip:moved@192.0.2.9;transport=ws"));
  }

  @Test
  void anotherInstanceOnTheSameUriIsAnotherBinding() throws Exception {
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CONTACT, plainInstance("sip:c1@192.0.2.4;transport=ws", 7)));
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CALL_ID, "other-ua")
        .setHeader(HeaderNames.CONTACT, plainInstance("sip:c1@192.0.2.4;transport=ws", 8)));

    assertThat(registrar.bindings(ALICE_SIP)).hasSize(2);
  }

  @Test
  void withoutInstanceTheUrisCompareByRfc3261() throws Exception {
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CONTACT, "<sip:c1@192.0.2.4;transport=ws>"));

    SipResponse ok = send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.CONTACT,
        "<sip:c1@192.0.2.4;TRANSPORT=WS>;expires=0"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(registrar.bindings(ALICE_SIP)).as("transport value compares case-insensitively").isEmpty();
  }

  @Test
  void anOutboundContactDoesNotTakeOverAPlainBindingOfItsInstance() throws Exception {
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CONTACT, plainInstance("sip:c1@192.0.2.4;transport=ws", 7)));
    send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CALL_ID, "outbound")
        .setHeader(HeaderNames.CONTACT, plainInstance("sip:c2@192.0.2.4;transport=ws", 7) + ";reg-id=1"));

    assertThat(registrar.bindings(ALICE_SIP)).hasSize(2);
  }

  private static String plainInstance(String uri, int instance) {
    return "<" + uri + ">;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-00000000000" + instance + ">\"";
  }

  /** Issue 12: 200 connections of one user registering at once; each has its own instance. */
  @Test
  void bindingsPerImpuAreCappedSoTheOkStaysSmall() throws Exception {
    int ok = 0;
    int refused = 0;
    for (int i = 0; i < 200; i++) {
      SipResponse r = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CALL_ID, "call-" + i)
          .setHeader(HeaderNames.CONTACT, instanceContact(i, 1)));
      if (r.statusCode() == 200) {
        ok++;
        assertThat(r.contacts()).hasSizeLessThanOrEqualTo(10);
      } else {
        refused++;
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.reasonPhrase()).isEqualTo("Too many registrations for this public identity");
      }
    }

    assertThat(ok).isEqualTo(10);
    assertThat(refused).isEqualTo(190);
    assertThat(registrar.bindings(ALICE_SIP)).hasSize(10);
  }

  @Test
  void atTheCapTheSameInstanceAndRegIdStillReplacesItsBinding() throws Exception {
    for (int i = 0; i < 10; i++) {
      send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CALL_ID, "call-" + i)
          .setHeader(HeaderNames.CONTACT, instanceContact(i, 1)));
    }

    SipResponse again = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CALL_ID, "new-call")
        .setHeader(HeaderNames.CONTACT, "<sip:moved@192.0.2.9;transport=ws>;+sip.instance="
            + "\"<urn:uuid:00000000-0000-0000-0000-000000000003>\";reg-id=1"));
    SipResponse eleventh = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CALL_ID, "call-10")
        .setHeader(HeaderNames.CONTACT, instanceContact(10, 1)));
    SipResponse refresh = send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.CALL_ID, "call-4")
        .setHeader(HeaderNames.CONTACT, instanceContact(4, 1)));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.contacts()).hasSize(10);
    assertThat(eleventh.statusCode()).isEqualTo(403);
    assertThat(refresh.statusCode()).isEqualTo(200);
    assertThat(registrar.bindings(ALICE_SIP)).hasSize(10)
        .anySatisfy(b -> assertThat(b.uri()).isEqualTo("sip:moved@192.0.2.9;transport=ws"));
  }

  private static String instanceContact(int instance, int regId) {
    return "<sip:c" + instance + "@192.0.2.4;transport=ws>;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-"
        + String.format("%012d", instance) + ">\";reg-id=" + regId;
  }

  @Test
  void registerWithoutContactQueriesTheBindings() throws Exception {
    send(TestRegisters.alice("TCP", 1));

    SipResponse ok = send(TestRegisters.alice("TCP", 2).removeHeader(HeaderNames.CONTACT));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.contacts()).hasSize(1);
  }

  @Test
  void unsupportedRequiredExtensionGetsBadExtension() {
    SipResponse r = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.REQUIRE, "path, sec-agree"));

    assertThat(r.statusCode()).isEqualTo(420);
    assertThat(r.header(HeaderNames.UNSUPPORTED)).isEqualTo("sec-agree");
  }

  @Test
  void otherMethodsAreRefusedWithAllow() throws Exception {
    SipRequest.Builder options = TestRegisters.alice("TCP", 1).method("OPTIONS").setHeader(HeaderNames.CSEQ, "1 OPTIONS");
    SipRequest.Builder unknown = TestRegisters.alice("TCP", 1).method("FROB").setHeader(HeaderNames.CSEQ, "1 FROB");

    SipResponse r405 = send(options);
    SipResponse r501 = send(unknown);

    assertThat(r405.statusCode()).isEqualTo(405);
    assertThat(r405.header(HeaderNames.ALLOW)).isEqualTo("REGISTER");
    assertThat(r501.statusCode()).isEqualTo(501);
    assertThat(r501.header(HeaderNames.ALLOW)).isEqualTo("REGISTER");
  }

  @Test
  void aRequestThatFailsValidationGetsBadRequestWithTheParserReason() {
    SipResponse r = send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.CSEQ, "1 OPTIONS"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.reasonPhrase()).isEqualTo("Bad CSeq: method does not match request line");
  }

  @Test
  void snapshotsAreImmutable() {
    send(TestRegisters.alice("TCP", 1));

    List<Binding> snapshot = registrar.bindings(ALICE_SIP);

    assertThat(snapshot).isUnmodifiable();
    assertThat(snapshot.get(0).path()).isUnmodifiable();
  }
}
