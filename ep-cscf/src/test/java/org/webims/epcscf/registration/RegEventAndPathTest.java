package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.core.CoreProxy;
import org.webims.server.testing.EventLines;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestScscf;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.TestWaf;
import org.webims.epcscf.websocket.WicFlows;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * The reg-event subscription (EPC-32), requests on the Path (EPC-33), terminated NOTIFYs (EPC-42),
 * flow loss (EPC-43), Record-Route and dialog route sets (EPC-61, EPC-62) without sockets: a fake
 * core, a fake flow, a virtual clock.
 */
class RegEventAndPathTest {

  static final String PATH_URI = "sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob";
  static final String WIC_CONTACT = "sip:k2not68h@df7jal23ls0d.invalid;transport=ws";

  private WiredEpCscf epcscf;
  private Instant now;
  private FakeWicFlow flow;
  private Registrations registrations;
  private TlsAssociations associations;
  private WicFlows flows;
  private FakeCoreNetwork core;
  private CoreProxy proxy;
  private TestWaf waf;
  private WicRequests wic;

  @BeforeEach
  void start() throws Exception {
    epcscf = new WiredEpCscf();
    now = epcscf.now;
    flow = epcscf.flow;
    registrations = epcscf.registrations;
    associations = epcscf.associations;
    flows = epcscf.flows;
    core = epcscf.core;
    proxy = epcscf.proxy;
    waf = epcscf.waf;
    wic = epcscf.wic;
  }

  @AfterEach
  void stop() {
    epcscf.close();
  }

  /** The WIC registers; returns the eP-CSCF's SUBSCRIBE, answered 200 with a To tag. */
  private SipRequest registerAndSubscribe() {
    return epcscf.registerAndSubscribe();
  }

  static String reginfo(String state) {
    return "<?xml version=\"1.0\"?>\n<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"1\" state=\"full\">\n"
        + " <registration aor=\"sip:alice@ims.example.net\" id=\"a1\" state=\"" + state + "\">\n"
        + "  <contact id=\"c1\" state=\"" + state + "\" event=\"deactivated\"><uri>" + WIC_CONTACT + "</uri></contact>\n"
        + " </registration>\n"
        + " <registration aor=\"tel:+15551230001\" id=\"a2\" state=\"" + state + "\">\n"
        + "  <contact id=\"c2\" state=\"" + state + "\" event=\"deactivated\"><uri>" + WIC_CONTACT + "</uri></contact>\n"
        + " </registration>\n</reginfo>\n";
  }

  /** A reg NOTIFY from the S-CSCF: with {@code route} as Route (none when null), to {@code ruri}. */
  static SipRequest notify(String ruri, String route, String callId, String state) {
    String body = reginfo(state);
    return TestMessages.parse("NOTIFY " + ruri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKsc" + Math.abs(callId.hashCode() + state.hashCode()) + "\r\n"
        + (route == null ? "" : "Route: <" + route + ">\r\n")
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=scscf1\r\n"
        + "To: <sip:alice@ims.example.net>;tag=wic1\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 2 NOTIFY\r\n"
        + "Event: reg\r\n"
        + "Subscription-State: " + (state.equals("terminated") ? "terminated;reason=noresource" : "active;expires=600") + "\r\n"
        + "Contact: <sip:scscf.ims.example.net:6060>\r\n"
        + "Content-Type: application/reginfo+xml\r\n"
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
  }

  /** A NOTIFY of the eP-CSCF's own subscription with {@code body} as its reginfo. */
  private static SipRequest ownNotify(String callId, String body) {
    return notify("sip:epcscf.ims.example.net:5060;transport=tcp", null, callId, "active").toBuilder()
        .body("application/reginfo+xml", body).build();
  }

  private SipResponse lastToCore() {
    return (SipResponse) core.sent().get(core.sent().size() - 1);
  }

  private List<SipRequest> subscribesSent() {
    return core.sent().stream().filter(SipMessage::isRequest).map(m -> (SipRequest) m)
        .filter(r -> r.isMethod(SipRequest.SUBSCRIBE)).toList();
  }

  @Test
  void subscribesToTheDefaultImpuAfterTheFirstRegistrationInTheExactShape_EPC32() throws Exception {
    SipRequest s = registerAndSubscribe();
    assertThat(s.startLine()).isEqualTo("SUBSCRIBE sip:alice@ims.example.net SIP/2.0");
    assertThat(s.header(HeaderNames.VIA)).startsWith("SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bKep");
    assertThat(s.header(HeaderNames.ROUTE)).isEqualTo("<sip:orig@scscf.ims.example.net;lr>");
    assertThat(s.header(HeaderNames.FROM)).matches("<sip:epcscf\\.ims\\.example\\.net:5060>;tag=ep[0-9a-f]+");
    assertThat(s.header(HeaderNames.TO)).isEqualTo("<sip:alice@ims.example.net>");
    assertThat(s.header(HeaderNames.EVENT)).isEqualTo("reg");
    assertThat(s.header(HeaderNames.ACCEPT)).isEqualTo("application/reginfo+xml");
    assertThat(s.expires()).isEqualTo(3600 + 600).isGreaterThan(3600);
    assertThat(s.header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<sip:epcscf.ims.example.net:5060>");
    assertThat(s.header(HeaderNames.CONTACT)).isEqualTo("<sip:epcscf.ims.example.net:5060;transport=tcp>");
    assertThat(s.cseq().sequence()).isEqualTo(1);

    // a re-registration of the same IMPI on the flow does not subscribe again
    wic.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(
        waf.sign(TestTokens.claims(now).build())), "z9hG4bKsecond", 2, "600000", TestTokens.IMPU)));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);
    assertThat(subscribesSent()).hasSize(1);
  }

  @Test
  void refreshesTheSubscriptionBeforeItExpires_EPC32() throws Exception {
    registerAndSubscribe();
    core.advance(3_599_000);
    assertThat(subscribesSent()).hasSize(1);
    core.advance(1_000); // 4200 s granted: refreshed 600 s before expiry
    assertThat(subscribesSent()).hasSize(2);
    SipRequest refresh = subscribesSent().get(1);
    assertThat(refresh.cseq().sequence()).isEqualTo(2);
    assertThat(refresh.to().tag()).isEqualTo("scscf1");
  }

  @Test
  void answersNotifiesOfItsOwnSubscriptionWith200_EPC32() throws Exception {
    SipRequest s = registerAndSubscribe();
    int before = flow.received().size();
    proxy.onMessage(notify("sip:epcscf.ims.example.net:5060;transport=tcp", null, s.callId(), "active"), core.toScscf);
    assertThat(lastToCore().statusCode()).isEqualTo(200);
    assertThat(flow.received()).hasSize(before);
    assertThat(registrations.count()).isEqualTo(1);
  }

  @Test
  void relaysARequestOnThePathOverTheFlowAndTheWicsAnswerBack_EPC33() throws Exception {
    registerAndSubscribe();
    proxy.onMessage(notify("sip:k2not68h@df7jal23ls0d.invalid;transport=ws", PATH_URI, "wic-sub-1", "active"),
        core.toScscf);

    SipRequest relayed = (SipRequest) flow.received().get(flow.received().size() - 1);
    assertThat(relayed.startLine()).isEqualTo("NOTIFY sip:k2not68h@df7jal23ls0d.invalid;transport=ws SIP/2.0");
    assertThat(relayed.headerLines(HeaderNames.VIA)).hasSize(2);
    assertThat(relayed.header(HeaderNames.VIA)).startsWith("SIP/2.0/WSS epcscf.ims.example.net;branch=z9hG4bKep");
    assertThat(relayed.headerLines(HeaderNames.VIA).get(1)).startsWith("SIP/2.0/TCP scscf.ims.example.net:6060");
    assertThat(relayed.hasHeader(HeaderNames.ROUTE)).isFalse();
    assertThat(relayed.maxForwards()).isEqualTo(69);
    assertThat(relayed.bodyAsString()).isEqualTo(reginfo("active"));
    assertThat(proxy.transactions()).isEqualTo(2); // the core's request and the relay to the WIC

    int sent = core.sent().size();
    wic.onResponse(flow, SipResponse.to(relayed, 200, "OK").build());
    assertThat(core.sent()).hasSize(sent + 1);
    SipResponse ok = lastToCore();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headerLines(HeaderNames.VIA)).containsExactly(relayed.headerLines(HeaderNames.VIA).get(1));
    assertThat(proxy.transactions()).isZero();
    assertThat(registrations.count()).isEqualTo(1); // an active NOTIFY removes nothing
  }

  @Test
  void answers408WhenTheWicNeverAnswers() throws Exception {
    registerAndSubscribe();
    proxy.onMessage(notify("sip:k2not68h@df7jal23ls0d.invalid;transport=ws", PATH_URI, "wic-sub-1", "active"),
        core.toScscf);
    core.advance(64 * 500);
    assertThat(lastToCore().statusCode()).isEqualTo(408);
  }

  @Test
  void answers430Or481WhenTheFlowIsGoneAndUnsubscribes_EPC43_EPC62() throws Exception {
    registerAndSubscribe();
    flow.close();
    flows.remove(flow);
    wic.onClose(flow);

    SipRequest unsubscribe = subscribesSent().get(subscribesSent().size() - 1);
    assertThat(subscribesSent()).hasSize(2);
    assertThat(unsubscribe.expires()).isZero();
    assertThat(unsubscribe.to().tag()).isEqualTo("scscf1");
    assertThat(unsubscribe.cseq().sequence()).isEqualTo(2);
    assertThat(registrations.count()).isZero();

    // EPC-62 (RFC 5626 §5.3): inside a dialog (To tag) the dialog is gone: 481; an initial request: 430.
    proxy.onMessage(notify("sip:k2not68h@df7jal23ls0d.invalid;transport=ws", PATH_URI, "wic-sub-1", "active"),
        core.toScscf);
    assertThat(lastToCore().statusCode()).isEqualTo(481);
    proxy.onMessage(wicSubscribeFromCore(), core.toScscf);
    assertThat(lastToCore().statusCode()).isEqualTo(430);
    assertThat(lastToCore().reasonPhrase()).isEqualTo("Flow Failed");
  }

  /**
   * RFC 6665 §4.1.2.3: a flow that goes while its reg SUBSCRIBE is still unanswered leaves no
   * subscription behind at the S-CSCF: the 2xx that arrives later creates the dialog only to end it.
   */
  @Test
  void aFlowLostBeforeTheSubscribe2xxUnsubscribesWhenThe2xxArrives_EPC43() throws Exception {
    wic.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(
        waf.sign(TestTokens.claims(now).build())))));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);
    SipRequest subscribe = core.lastRequest();
    assertThat(subscribe.isMethod(SipRequest.SUBSCRIBE)).isTrue();
    flow.close();
    flows.remove(flow);
    wic.onClose(flow);
    assertThat(subscribesSent()).hasSize(1);

    proxy.onMessage(SipResponse.to(subscribe, 200, "OK").setHeader(HeaderNames.TO,
        "<sip:alice@ims.example.net>;tag=scscf9").header(HeaderNames.EXPIRES, "4200").build(), core.toScscf);

    assertThat(subscribesSent()).hasSize(2);
    SipRequest unsubscribe = subscribesSent().get(1);
    assertThat(unsubscribe.expires()).isZero();
    assertThat(unsubscribe.to().tag()).isEqualTo("scscf9");
    assertThat(unsubscribe.callId()).isEqualTo(subscribe.callId());
  }

  /** A SUBSCRIBE from the core toward the WIC on its Path: dialog-initiating, no To tag. */
  private static SipRequest wicSubscribeFromCore() {
    return TestMessages.parse("SUBSCRIBE sip:k2not68h@df7jal23ls0d.invalid;transport=ws SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKtermsub1\r\n"
        + "Route: <" + PATH_URI + ">\r\n"
        + "Record-Route: <sip:scscf.ims.example.net:6060;lr>\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>\r\n"
        + "Call-ID: term-sub-1\r\n"
        + "CSeq: 1 SUBSCRIBE\r\n"
        + "Event: presence\r\n"
        + "Contact: <sip:bob@192.0.2.7>\r\n"
        + "Content-Length: 0\r\n\r\n");
  }

  /** The WIC's own reg SUBSCRIBE (WIC-16), with a To tag when {@code toTag} is given and {@code route} as Route. */
  private static SipRequest subscribeFromWic(String toTag, String route, int cseq) {
    return TestMessages.parse("SUBSCRIBE sip:alice@ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bKwsub" + cseq + "\r\n"
        + "Route: " + route + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=wic1\r\n"
        + "To: <sip:alice@ims.example.net>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + "Call-ID: wic-sub-1\r\n"
        + "CSeq: " + cseq + " SUBSCRIBE\r\n"
        + "Event: reg\r\n"
        + "Contact: <" + WIC_CONTACT + ">\r\n"
        + "Expires: 600000\r\n"
        + "Content-Length: 0\r\n\r\n");
  }

  @Test
  void recordRoutesTheWicsSubscribeWithItsFlowUriAndRoutesItsRefreshByTheRouteSet_EPC61_EPC62() throws Exception {
    registerAndSubscribe();
    String recordRoute = "<sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr>";
    wic.onRequest(flow, subscribeFromWic(null, "<sip:orig@scscf.ims.example.net;lr>", 1));
    SipRequest initial = core.lastRequest();
    assertThat(initial.headerLines(HeaderNames.RECORD_ROUTE)).containsExactly(recordRoute);
    assertThat(initial.headerLines(HeaderNames.ROUTE)).containsExactly("<sip:orig@scscf.ims.example.net;lr>");
    assertThat(initial.header(HeaderNames.VIA)).startsWith("SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bKep");

    // The refresh: the route set of the 2xx (the eP-CSCF's URI, then the notifier's), to its Contact.
    SipRequest refresh = subscribeFromWic("notifier1", recordRoute + ", <sip:scscf.ims.example.net:6060;lr>", 2)
        .toBuilder().requestUri(org.webims.sip.uri.Uri.parse("sip:scscf.ims.example.net:6060")).build();
    wic.onRequest(flow, refresh);
    SipRequest inDialog = core.lastRequest();
    assertThat(inDialog.startLine()).isEqualTo("SUBSCRIBE sip:scscf.ims.example.net:6060 SIP/2.0");
    assertThat(inDialog.headerLines(HeaderNames.ROUTE)).containsExactly("<sip:scscf.ims.example.net:6060;lr>");
    assertThat(inDialog.hasHeader(HeaderNames.RECORD_ROUTE)).isFalse();
  }

  @Test
  void aDialogInitiatingRequestFromTheCoreIsRecordRoutedTowardTheWic_EPC61() throws Exception {
    registerAndSubscribe();
    proxy.onMessage(wicSubscribeFromCore(), core.toScscf);
    SipRequest relayed = (SipRequest) flow.received().get(flow.received().size() - 1);
    assertThat(relayed.headerLines(HeaderNames.RECORD_ROUTE)).containsExactly(
        "<sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr>", "<sip:scscf.ims.example.net:6060;lr>");
    assertThat(relayed.hasHeader(HeaderNames.ROUTE)).isFalse();
  }

  @Test
  void refreshesItsOwnSubscriptionToTheRemoteTargetByTheRouteSetNotTheServiceRoute_EPC62() throws Exception {
    wic.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(
        waf.sign(TestTokens.claims(now).build())))));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);
    SipRequest subscribe = core.lastRequest();
    proxy.onMessage(SipResponse.to(subscribe, 200, "OK")
        .setHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=scscf1")
        .header(HeaderNames.RECORD_ROUTE, "<sip:rr.scscf.ims.example.net;lr>")
        .header(HeaderNames.CONTACT, "<sip:notifier@scscf.ims.example.net:6060;transport=tcp>")
        .header(HeaderNames.EXPIRES, "600").build(), core.toScscf);
    core.advance(300_000);
    SipRequest refresh = subscribesSent().get(1);
    assertThat(refresh.startLine())
        .isEqualTo("SUBSCRIBE sip:notifier@scscf.ims.example.net:6060;transport=tcp SIP/2.0");
    assertThat(refresh.headerLines(HeaderNames.ROUTE)).containsExactly("<sip:rr.scscf.ims.example.net;lr>");
    assertThat(refresh.cseq().sequence()).isEqualTo(2);
    assertThat(refresh.to().tag()).isEqualTo("scscf1");
    assertThat(refresh.from().tag()).isEqualTo(subscribe.from().tag());
  }

  @Test
  void withoutRecordRouteItsRefreshesCarryNoRoute_EPC62() throws Exception {
    registerAndSubscribe(); // a 200 without Record-Route and Contact: the Request-URI stays the target
    core.advance(3_600_000);
    SipRequest refresh = subscribesSent().get(1);
    assertThat(refresh.startLine()).isEqualTo("SUBSCRIBE sip:alice@ims.example.net SIP/2.0");
    assertThat(refresh.hasHeader(HeaderNames.ROUTE)).isFalse();
  }

  @Test
  void answers430WhenTheFlowClosesBeforeTheWicAnswered_EPC43() throws Exception {
    registerAndSubscribe();
    proxy.onMessage(notify("sip:k2not68h@df7jal23ls0d.invalid;transport=ws", PATH_URI, "wic-sub-1", "active"),
        core.toScscf);
    flow.close();
    flows.remove(flow);
    wic.onClose(flow);
    assertThat(core.sent().stream().filter(m -> !m.isRequest()).map(m -> ((SipResponse) m).statusCode()))
        .contains(430);
    assertThat(proxy.transactions()).isEqualTo(1); // only the unSUBSCRIBE the flow's loss sent, awaiting its answer
  }

  @Test
  void refusesForeignRoutesTamperedTokensAndUnknownTargets() {
    proxy.onMessage(notify("sip:x@example.org", "sip:fl-7Q2xYc@other.example.net;lr", "c1", "active"), core.toScscf);
    assertThat(lastToCore().statusCode()).isEqualTo(403);
    proxy.onMessage(notify("sip:x@example.org", "sip:not-a-token@epcscf.ims.example.net:5060;lr", "c2", "active"),
        core.toScscf);
    assertThat(lastToCore().statusCode()).isEqualTo(403);
    proxy.onMessage(notify("sip:x@example.org", null, "c3", "active"), core.toScscf);
    assertThat(lastToCore().statusCode()).isEqualTo(404);
    proxy.onMessage(notify("sip:epcscf.ims.example.net:5060;transport=tcp", null, "unknown", "active"), core.toScscf);
    assertThat(lastToCore().statusCode()).isEqualTo(481);
    proxy.onMessage(notify("sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp", null, "c4", "active"),
        core.toScscf);
    assertThat(flow.received()).isNotEmpty(); // the Request-URI may name the flow when there is no Route
  }

  @Test
  void aTerminatedNotifyIsRelayedFirstThenTheStateGoes_EPC42() throws Exception {
    registerAndSubscribe();
    associations.store(new TlsAssociation(flow.id(), "198.51.100.23", 52810, "tls", "alice_private@ims.example.net",
        List.of("sip:alice@ims.example.net", "tel:+15551230001")));
    proxy.onMessage(notify("sip:k2not68h@df7jal23ls0d.invalid;transport=ws", PATH_URI, "wic-sub-1", "terminated"),
        core.toScscf);

    SipRequest relayed = (SipRequest) flow.received().get(flow.received().size() - 1);
    assertThat(relayed.isMethod(SipRequest.NOTIFY)).isTrue();
    assertThat(relayed.bodyAsString()).contains("state=\"terminated\"");
    assertThat(registrations.count()).isZero();
    assertThat(associations.count()).isZero();
    assertThat(subscribesSent().get(subscribesSent().size() - 1).expires()).isZero(); // unsubscribed
    wic.onResponse(flow, SipResponse.to(relayed, 200, "OK").build());
    assertThat(lastToCore().statusCode()).isEqualTo(200);
  }

  @Test
  void aTerminatedNotifyOfItsOwnSubscriptionRemovesTheState_EPC42() throws Exception {
    SipRequest s = registerAndSubscribe();
    proxy.onMessage(notify("sip:epcscf.ims.example.net:5060;transport=tcp", null, s.callId(), "terminated"),
        core.toScscf);
    assertThat(lastToCore().statusCode()).isEqualTo(200);
    assertThat(registrations.count()).isZero();
    assertThat(subscribesSent()).hasSize(1); // the notifier ended the subscription: no unsubscribe
  }

  /** Issue 12: the client never subscribed itself; the eP-CSCF's own NOTIFY ends everything, so the flow closes. */
  @Test
  void aNetworkDeregistrationClosesTheFlowAfterTheDelay_EPC42() throws Exception {
    SipRequest s = registerAndSubscribe();
    proxy.onMessage(notify("sip:epcscf.ims.example.net:5060;transport=tcp", null, s.callId(), "terminated"),
        core.toScscf);
    assertThat(registrations.count()).isZero();
    assertThat(flow.isOpen()).isTrue(); // a NOTIFY of the client's own subscription may still come

    core.advance(1000);

    assertThat(flow.closeCode()).isEqualTo(1000);
    assertThat(flow.closeReason()).isEqualTo("network deregistration");
  }

  @Test
  void aDeregistrationByTheClientLeavesTheFlowOpen_EPC41() throws Exception {
    registerAndSubscribe();
    wic.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(
        waf.sign(TestTokens.claims(now).build())), "z9hG4bKdereg", 2, "0", "sip:alice@ims.example.net")));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 0), core.toScscf);
    assertThat(registrations.count()).isZero();

    core.advance(5000);

    assertThat(flow.isOpen()).isTrue();
    assertThat(flow.closeCode()).isZero();
  }

  @Test
  void aNotifyTerminatingOnlySomeImpusKeepsTheOthers_EPC42() throws Exception {
    SipRequest s = registerAndSubscribe();
    String body = "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"2\" state=\"partial\">"
        + "<registration aor=\"tel:+15551230001\" id=\"a2\" state=\"terminated\"/></reginfo>";
    proxy.onMessage(ownNotify(s.callId(), body), core.toScscf);
    assertThat(registrations.forFlow(flow.id()).orElseThrow().associatedUris()).containsExactly("sip:alice@ims.example.net");
  }

  /**
   * EPC-42 with a reginfo as Kamailio's ims_registrar_scscf writes it, here with a namespace prefix and
   * the host in capitals: the contact is the WIC's by RFC 3261 URI equality (sip-core's ContactIdentity).
   */
  @Test
  void aPrefixedReginfoEndsTheContactByUriEquality_EPC42() throws Exception {
    SipRequest s = registerAndSubscribe();
    String body = "<?xml version='1.0'?>\n<ri:reginfo xmlns:ri='urn:ietf:params:xml:ns:reginfo' version='4' state='full'>\n"
        + "\t<ri:registration aor='sip:alice@ims.example.net' id='0x7f01' state='active'>\n"
        + "\t\t<ri:contact id='0x7f02' state='terminated' event='deactivated' expires='0'>\n"
        + "\t\t\t<ri:uri>sip:k2not68h@DF7JAL23LS0D.INVALID;transport=ws</ri:uri>\n"
        + "\t\t</ri:contact>\n\t</ri:registration>\n</ri:reginfo>\n";
    proxy.onMessage(ownNotify(s.callId(), body), core.toScscf);
    assertThat(registrations.forFlow(flow.id()).orElseThrow().associatedUris()).containsExactly("tel:+15551230001");
  }

  /** EPC-42: a contact carrying the WIC's +sip.instance and reg-id is the WIC's binding (RFC 5626 §6), whatever its URI. */
  @Test
  void aTerminatedContactIsTheWicsByInstanceAndRegId_EPC42() throws Exception {
    SipRequest s = registerAndSubscribe();
    String body = "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"4\" state=\"partial\">"
        + "<registration aor=\"tel:+15551230001\" id=\"a2\" state=\"active\">"
        + "<contact id=\"c9\" state=\"terminated\" event=\"rejected\"><uri>sip:renamed@core.invalid</uri>"
        + "<unknown-param name=\"+sip.instance\">&quot;&lt;urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252&gt;&quot;"
        + "</unknown-param><unknown-param name=\"reg-id\">1</unknown-param></contact></registration></reginfo>";
    proxy.onMessage(ownNotify(s.callId(), body), core.toScscf);
    assertThat(registrations.forFlow(flow.id()).orElseThrow().associatedUris()).containsExactly("sip:alice@ims.example.net");
  }

  @Test
  void refusesAReginfoWithADoctype() throws Exception {
    SipRequest s = registerAndSubscribe();
    String body = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\"><registration aor=\"sip:alice@ims.example.net\" state=\"terminated\">&x;</registration></reginfo>";
    proxy.onMessage(ownNotify(s.callId(), body), core.toScscf);
    assertThat(lastResponseToCore().statusCode()).isEqualTo(400);
    assertThat(registrations.count()).isEqualTo(1);
  }

  /** Both IMPUs' contact terminated with {@code event}, as Kamailio's pua_reginfo writes it after {@code ul.rm}. */
  static String terminatedBy(String event) {
    return "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"3\" state=\"full\">"
        + "<registration aor=\"sip:alice@ims.example.net\" id=\"a1\" state=\"terminated\">"
        + "<contact id=\"c1\" state=\"terminated\" event=\"" + event + "\"><uri>" + WIC_CONTACT + "</uri></contact></registration>"
        + "<registration aor=\"tel:+15551230001\" id=\"a2\" state=\"terminated\">"
        + "<contact id=\"c2\" state=\"terminated\" event=\"" + event + "\"><uri>" + WIC_CONTACT + "</uri></contact></registration>"
        + "</reginfo>";
  }

  /** Issue 13: Kamailio reports an administrative removal (ul.rm) as event="unregistered"; the flow still closes. */
  @Test
  void aRemovalReportedAsUnregisteredClosesTheFlowWhenTheClientSentNoDeregistration_EPC42() throws Exception {
    SipRequest s = registerAndSubscribe();
    proxy.onMessage(ownNotify(s.callId(), terminatedBy("unregistered")), core.toScscf);
    assertThat(registrations.count()).isZero();

    core.advance(1000);

    assertThat(flow.closeCode()).isEqualTo(1000);
    assertThat(flow.closeReason()).isEqualTo("network deregistration");
  }

  /**
   * Issue 16: a deregistration by the network is one {@code deregistration} event, its reason {@code expired} when
   * the contact's event says the binding expired at the S-CSCF, else {@code network}.
   */
  @Test
  void aNetworkDeregistrationIsOneEventWithExpiredOrNetworkAsItsReason() throws Exception {
    try (EventLines events = new EventLines(CoreProxy.EVENTS)) {
      SipRequest s = registerAndSubscribe();
      proxy.onMessage(ownNotify(s.callId(), terminatedBy("expired")), core.toScscf);
      assertThat(events.of("deregistration")).singleElement().asString()
          .contains("impu=sip:alice@ims.example.net", "flow=" + flow.id(), "reason=expired");

      s = registerAndSubscribe();
      proxy.onMessage(ownNotify(s.callId(), terminatedBy("deactivated")).toBuilder()
          .setHeader(HeaderNames.CSEQ, "3 NOTIFY").build(), core.toScscf);
      assertThat(events.of("deregistration")).hasSize(2).last().asString().contains("reason=network");
    }
  }

  /** EPC-41: the NOTIFY of the client's own deregistration may overtake the 200 to it; the flow stays open. */
  @Test
  void aNotifyOvertakingThe200ToTheClientsDeregistrationLeavesTheFlowOpen_EPC41() throws Exception {
    SipRequest s = registerAndSubscribe();
    wic.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(
        waf.sign(TestTokens.claims(now).build())), "z9hG4bKdereg", 2, "0", "sip:alice@ims.example.net")));
    SipRequest deregister = core.lastRequest();
    proxy.onMessage(ownNotify(s.callId(), terminatedBy("deactivated")), core.toScscf);
    assertThat(registrations.count()).isZero();
    proxy.onMessage(TestScscf.ok(deregister, 0), core.toScscf);

    core.advance(5000);

    assertThat(flow.isOpen()).isTrue();
    assertThat(registrations.isDeregistering(flow.id())).as("marked only until the answer").isFalse();
  }

  /**
   * Issue 13, RFC 6665 §4.1.3 and §4.2.2, RFC 3680 §6.2: a reginfo the eP-CSCF cannot read gets 400 with
   * a reason phrase (the state is not known, so acting on it or answering 200 would lie); since a
   * notifier may drop a subscription after an error, the eP-CSCF refreshes it at once, which brings a
   * full-state NOTIFY; once per unreadable streak, so a notifier that keeps sending such bodies
   * starts no loop.
   */
  @Test
  void anUnreadableReginfoGets400AndOneRefreshForFullState() throws Exception {
    SipRequest s = registerAndSubscribe();

    proxy.onMessage(ownNotify(s.callId(), "<reginfo"), core.toScscf);

    assertThat(lastResponseToCore().statusCode()).isEqualTo(400);
    assertThat(lastResponseToCore().reasonPhrase()).isEqualTo("Unreadable reginfo");
    assertThat(registrations.count()).isEqualTo(1);
    assertThat(subscribesSent()).hasSize(2);
    SipRequest refresh = subscribesSent().get(1);
    assertThat(refresh.to().tag()).isEqualTo("scscf1");
    assertThat(refresh.expires()).isPositive();

    proxy.onMessage(ownNotify(s.callId(), "<reginfo").toBuilder().setHeader(HeaderNames.CSEQ, "3 NOTIFY").build(),
        core.toScscf);
    assertThat(lastResponseToCore().statusCode()).isEqualTo(400);
    assertThat(subscribesSent()).as("no second refresh while the first is pending").hasSize(2);
  }

  /** RFC 6665 §4.1.2.2: a 481 to a refresh ends the dialog; while the flow is registered, a new subscription starts. */
  @Test
  void aRefreshAnswered481StartsANewSubscription_EPC32() throws Exception {
    SipRequest s = registerAndSubscribe();
    proxy.onMessage(ownNotify(s.callId(), "<reginfo"), core.toScscf);
    SipRequest refresh = subscribesSent().get(1);

    proxy.onMessage(SipResponse.to(refresh, 481, null).build(), core.toScscf);

    assertThat(subscribesSent()).hasSize(3);
    SipRequest again = subscribesSent().get(2);
    assertThat(again.to().tag()).isNull();
    assertThat(again.callId()).isNotEqualTo(s.callId());
    assertThat(again.header(HeaderNames.ROUTE)).isEqualTo("<sip:orig@scscf.ims.example.net;lr>");
  }

  /** RFC 3261 §21.4.13: a body of another type gets 415 with the one type the subscription accepts. */
  @Test
  void aNotifyWithAnotherBodyTypeGets415() throws Exception {
    SipRequest s = registerAndSubscribe();
    proxy.onMessage(ownNotify(s.callId(), "x").toBuilder().body("text/plain", "x").build(), core.toScscf);
    assertThat(lastResponseToCore().statusCode()).isEqualTo(415);
    assertThat(lastResponseToCore().header(HeaderNames.ACCEPT)).isEqualTo("application/reginfo+xml");
    assertThat(registrations.count()).isEqualTo(1);
  }

  private SipResponse lastResponseToCore() {
    List<SipResponse> responses = core.sent().stream().filter(m -> !m.isRequest()).map(m -> (SipResponse) m).toList();
    return responses.get(responses.size() - 1);
  }
}
