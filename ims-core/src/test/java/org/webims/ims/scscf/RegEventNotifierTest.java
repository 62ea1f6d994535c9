package org.webims.ims.scscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.ims.testing.TestSubscribers.ALICE_SIP;
import static org.webims.ims.testing.TestSubscribers.ALICE_TEL;
import static org.webims.ims.testing.TestSubscribers.BOB_SIP;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.ims.config.ImsProperties;
import org.webims.ims.testing.ReginfoBodies;
import org.webims.ims.testing.TestDigest;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.ims.testing.TestSubscribes;
import org.webims.ims.testing.VirtualClock;
import org.webims.sip.header.SubscriptionState;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.RegInfo;
import org.webims.sip.reginfo.Registration;

/** The reg event notifier without sockets, on a virtual clock (SCS-09..14, RFC 3680, RFC 6665). */
class RegEventNotifierTest {

  static final InetAddress TRUSTED = InetAddress.getLoopbackAddress();
  static final InetAddress UNTRUSTED;
  static final String WIC_CONTACT = TestRegisters.CONTACT_URI;
  static final String EPCSCF_CONTACT = "sip:epcscf.ims.example.net:5060;transport=tcp";

  static {
    try {
      UNTRUSTED = InetAddress.getByName("192.0.2.66");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  record Sent(SipRequest request, Runnable onFailure) {
  }

  final VirtualClock clock = new VirtualClock();
  final Registrar registrar = new Registrar(clock, clock);
  final List<Sent> sent = new ArrayList<>();
  final RegEventNotifier notifier = new RegEventNotifier(registrar, clock, TRUSTED::equals, 7200,
      (notify, onFailure) -> sent.add(new Sent(notify, onFailure)));
  final ScscfRequestHandler scscf = new ScscfRequestHandler(new RegisterHandler(registrar,
      new RegisterAuthorization(TestSubscribers.inMemory(TestSubscribers.alice(), TestSubscribers.bob()),
          List.of(TRUSTED), TestSubscribers.REALM, TestDigest.defaults(), clock),
      new ImsProperties.Registrar(3600, 60, 3600, "sip:orig@scscf.ims.example.net;lr", "ccf=192.0.2.10", 10)), notifier);

  SipResponse send(SipRequest.Builder request) {
    return send(request, TRUSTED);
  }

  SipResponse send(SipRequest.Builder request, InetAddress source) {
    SipResponse r = scscf.handle(request.build(), source);
    clock.advance(0); // the NOTIFY that follows a 2xx leaves after the answer
    return r;
  }

  SipRequest lastNotify() {
    assertThat(sent).isNotEmpty();
    return sent.get(sent.size() - 1).request();
  }

  static RegInfo reginfo(SipRequest notify) {
    return ReginfoBodies.read(notify.body());
  }

  static SubscriptionState state(SipRequest notify) throws Exception {
    return notify.subscriptionState();
  }

  SipResponse registerAlice() {
    SipResponse ok = send(TestRegisters.alice("TCP", 1));
    assertThat(ok.statusCode()).isEqualTo(200);
    return ok;
  }

  @Test
  void scs10SubscribeFromTheUeGets200AndAFullNotifyWithVersion0ForTheImplicitSet() throws Exception {
    registerAlice();
    SipRequest subscribe = TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600000).build();

    SipResponse ok = scscf.handle(subscribe, TRUSTED);
    assertThat(sent).isEmpty(); // the NOTIFY follows the 200, it does not precede it
    clock.advance(0);

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.expires()).isEqualTo(7200); // capped at webims.ims.reg-event.max-expires
    assertThat(ok.to().tag()).isNotBlank();
    assertThat(sent).hasSize(1);
    SipRequest notify = lastNotify();
    assertThat(notify.method()).isEqualTo(SipRequest.NOTIFY);
    assertThat(notify.requestUri().toString()).isEqualTo(WIC_CONTACT);
    assertThat(notify.from().uri().toString()).isEqualTo(ALICE_SIP);
    assertThat(notify.from().tag()).isEqualTo(ok.to().tag());
    assertThat(notify.to().uri().toString()).isEqualTo(ALICE_SIP);
    assertThat(notify.to().tag()).isEqualTo("sb-31415");
    assertThat(notify.callId()).isEqualTo(subscribe.callId());
    assertThat(notify.cseq().sequence()).isEqualTo(1);
    assertThat(notify.cseq().method()).isEqualTo("NOTIFY");
    assertThat(notify.event().eventType()).isEqualTo("reg");
    assertThat(notify.contacts()).hasSize(1);
    assertThat(state(notify).state()).isEqualTo("active");
    assertThat(state(notify).expires()).isEqualTo(7200);
    assertThat(notify.contentType().is(RegEventNotifier.CONTENT_TYPE)).isTrue();
    // SCS-14: toward the WIC through the eP-CSCF flow of its binding.
    assertThat(notify.headerValues(HeaderNames.ROUTE)).containsExactly(TestRegisters.PATH);

    RegInfo info = reginfo(notify);
    assertThat(info.version()).isZero();
    assertThat(info.state()).isEqualTo("full");
    assertThat(info.registrations()).extracting(Registration::aor).containsExactly(ALICE_SIP, ALICE_TEL);
    for (Registration r : info.registrations()) {
      assertThat(r.state()).isEqualTo("active");
      assertThat(r.contacts()).singleElement().satisfies(c -> {
        assertThat(c.state()).isEqualTo("active");
        assertThat(c.event()).isEqualTo("registered");
        assertThat(c.uri()).isEqualTo(WIC_CONTACT);
        assertThat(c.unknownParam("+sip.instance")).isEqualTo("\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\"");
        // RFC 5626 flow: the reg-id too, so the WIC and the eP-CSCF know their binding by ContactIdentity's rule.
        assertThat(c.unknownParam("reg-id")).isEqualTo("1");
      });
    }
  }

  @Test
  void scs10TheEpcscfSubscriptionFromATrustedNodeIsNotifiedAtItsContact() throws Exception {
    registerAlice();

    SipResponse ok = send(TestSubscribes.fromEpcscf(ALICE_SIP, EPCSCF_CONTACT, "TCP", 1, 600000));

    assertThat(ok.statusCode()).isEqualTo(200);
    SipRequest notify = lastNotify();
    assertThat(notify.requestUri().toString()).isEqualTo(EPCSCF_CONTACT);
    assertThat(notify.hasHeader(HeaderNames.ROUTE)).isFalse();
    assertThat(notify.to().uri().toString()).isEqualTo(TestSubscribes.EPCSCF_URI);
    assertThat(reginfo(notify).version()).isZero();
  }

  @Test
  void scs10TheNotifyFollowsTheRecordRouteWhenTheSubscribeHadOne() throws Exception {
    registerAlice();
    String rr = "<sip:epcscf.ims.example.net:5070;transport=udp;lr>";

    send(TestSubscribes.fromUe(ALICE_SIP, "UDP", 1, 600000).header(HeaderNames.RECORD_ROUTE, rr));

    assertThat(lastNotify().headerValues(HeaderNames.ROUTE)).containsExactly(rr);
  }

  @Test
  void scs10AnUnregisteredImpuGets404() throws Exception {
    SipResponse r = send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600000));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(sent).isEmpty();
    assertThat(notifier.subscriptionCount()).isZero();
  }

  @Test
  void scs10AnotherUserFromAnUntrustedAddressGets403() throws Exception {
    registerAlice();

    SipResponse r = send(TestSubscribes.subscribe(ALICE_SIP, "<" + BOB_SIP + ">;tag=b1", "<sip:bob@192.0.2.66>",
        "TCP", 1, 600000, "bob-snoops"), UNTRUSTED);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(sent).isEmpty();
  }

  @Test
  void scs10AnotherEventPackageGets489() throws Exception {
    registerAlice();

    SipResponse r = send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600000).setHeader(HeaderNames.EVENT, "presence"));

    assertThat(r.statusCode()).isEqualTo(489);
  }

  @Test
  void scs11EveryLaterNotifyIncrementsTheVersionAndTheCseq() throws Exception {
    registerAlice();
    SipResponse ok = send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600000));

    send(TestRegisters.alice("TCP", 2)); // re-registration
    send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 2, 600000)
        .setHeader(HeaderNames.TO, ok.to().toString())); // subscription refresh

    assertThat(sent).hasSize(3);
    assertThat(sent).extracting(s -> reginfo(s.request()).version()).containsExactly(0L, 1L, 2L);
    assertThat(sent).extracting(s -> s.request().cseq().sequence()).containsExactly(1L, 2L, 3L);
    // RFC 3680 §5.1: ids stay the same across NOTIFYs.
    assertThat(reginfo(sent.get(2).request()).registration(ALICE_SIP).id())
        .isEqualTo(reginfo(sent.get(0).request()).registration(ALICE_SIP).id());
  }

  @Test
  void scs10ARefreshExtendsTheSubscription() throws Exception {
    registerAlice();
    SipResponse ok = send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600));
    clock.advanceSeconds(500);

    SipResponse refreshed = send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 2, 600)
        .setHeader(HeaderNames.TO, ok.to().toString()));
    clock.advanceSeconds(500);

    assertThat(refreshed.statusCode()).isEqualTo(200);
    assertThat(notifier.subscriptionCount()).isEqualTo(1);
    assertThat(state(lastNotify()).expires()).isEqualTo(600);
  }

  @Test
  void scs10ARefreshOfAnUnknownDialogGets481() throws Exception {
    registerAlice();

    SipResponse r = send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 2, 600).setHeader(HeaderNames.TO,
        "<" + ALICE_SIP + ">;tag=nope"));

    assertThat(r.statusCode()).isEqualTo(481);
  }

  @Test
  void scs10UnsubscribingGets200AndAFinalTerminatedNotify() throws Exception {
    registerAlice();
    SipResponse ok = send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600000));

    SipResponse bye = send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 2, 0).setHeader(HeaderNames.TO, ok.to().toString()));

    assertThat(bye.statusCode()).isEqualTo(200);
    assertThat(bye.expires()).isZero();
    assertThat(sent).hasSize(2);
    assertThat(state(lastNotify()).isTerminated()).isTrue();
    assertThat(reginfo(lastNotify()).version()).isEqualTo(1);
    assertThat(notifier.subscriptionCount()).isZero();
    send(TestRegisters.alice("TCP", 2));
    assertThat(sent).hasSize(2); // no NOTIFY after the end
  }

  @Test
  void scs10ASubscriptionNotRefreshedEndsWithATerminatedNotify() throws Exception {
    registerAlice();
    send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600));

    clock.advanceSeconds(600);

    assertThat(notifier.subscriptionCount()).isZero();
    assertThat(state(lastNotify()).state()).isEqualTo("terminated");
    assertThat(state(lastNotify()).reason()).isEqualTo("timeout");
  }

  @Test
  void scs09DeregistrationNotifiesUnregisteredAndTerminatesTheRegistration() throws Exception {
    registerAlice();
    send(TestSubscribes.fromEpcscf(ALICE_SIP, EPCSCF_CONTACT, "TCP", 1, 600000));

    SipResponse ok = send(TestRegisters.alice("TCP", 2).setHeader(HeaderNames.EXPIRES, "0"));

    assertThat(ok.statusCode()).isEqualTo(200);
    SipRequest notify = lastNotify();
    RegInfo info = reginfo(notify);
    assertThat(info.version()).isEqualTo(1);
    for (Registration r : info.registrations()) {
      assertThat(r.state()).isEqualTo("terminated");
      assertThat(r.contacts()).singleElement().satisfies(c -> {
        assertThat(c.state()).isEqualTo("terminated");
        assertThat(c.event()).isEqualTo("unregistered");
        assertThat(c.uri()).isEqualTo(WIC_CONTACT);
      });
    }
    assertThat(state(notify).isTerminated()).isTrue();
    assertThat(notifier.subscriptionCount()).isZero();
  }

  @Test
  void scs13ABindingThatLapsesNotifiesExpired() throws Exception {
    registerAlice();
    send(TestSubscribes.fromEpcscf(ALICE_SIP, EPCSCF_CONTACT, "TCP", 1, 600000));

    clock.advanceSeconds(3600); // the granted registration expiry

    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
    RegInfo info = reginfo(lastNotify());
    assertThat(info.version()).isEqualTo(1);
    assertThat(info.registration(ALICE_TEL).state()).isEqualTo("terminated");
    assertThat(info.registration(ALICE_SIP).contacts()).singleElement().satisfies(c -> {
      assertThat(c.state()).isEqualTo("terminated");
      assertThat(c.event()).isEqualTo("expired");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"deactivated", "rejected"})
  void scs12NetworkInitiatedDeregistrationNotifiesEverySubscriberAndEndsTheSubscriptions(String reason)
      throws Exception {
    registerAlice();
    send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600000));
    send(TestSubscribes.fromEpcscf(ALICE_SIP, EPCSCF_CONTACT, "TCP", 1, 600000));
    sent.clear();

    List<Binding> removed = registrar.deregister(ALICE_TEL, reason);

    assertThat(removed).hasSize(1);
    assertThat(registrar.bindings(ALICE_SIP)).isEmpty();
    assertThat(registrar.bindings(ALICE_TEL)).isEmpty();
    assertThat(sent).hasSize(2);
    assertThat(sent).extracting(s -> s.request().requestUri().toString()).containsExactly(WIC_CONTACT,
        EPCSCF_CONTACT);
    for (Sent s : sent) {
      assertThat(state(s.request()).isTerminated()).isTrue();
      assertThat(state(s.request()).reason()).isEqualTo(reason);
      RegInfo info = reginfo(s.request());
      assertThat(info.version()).isEqualTo(1);
      assertThat(info.registrations()).extracting(Registration::aor).containsExactly(ALICE_SIP, ALICE_TEL);
      for (Registration r : info.registrations()) {
        assertThat(r.state()).isEqualTo("terminated");
        assertThat(r.contacts()).singleElement().satisfies(c -> {
          assertThat(c.state()).isEqualTo("terminated");
          assertThat(c.event()).isEqualTo(reason);
        });
      }
    }
    assertThat(notifier.subscriptionCount()).isZero();
    assertThat(registrar.deregister(ALICE_SIP, reason)).isEmpty();
  }

  @Test
  void aFailedNotifyEndsTheSubscription() throws Exception {
    registerAlice();
    send(TestSubscribes.fromUe(ALICE_SIP, "TCP", 1, 600000));

    sent.get(0).onFailure().run(); // 481, timeout or transport error (RFC 6665 §4.2.2)

    assertThat(notifier.subscriptionCount()).isZero();
    send(TestRegisters.alice("TCP", 2));
    assertThat(sent).hasSize(1);
  }
}
