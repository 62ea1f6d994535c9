package org.webims.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.ims.scscf.Binding;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.ims.testing.ReginfoBodies;
import org.webims.ims.testing.SipPeer;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.ims.testing.TestSubscribes;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.RegInfo;
import org.webims.sip.uri.Uri;

/**
 * Sessions through the S-CSCF over real UDP sockets (SCS-30, SCS-31, SCS-32): peers in the
 * eP-CSCFs' place register users with their own Path, then send INVITEs on the Service-Route.
 */
class SessionsOverSocketsTest {

  static final String SERVICE_ROUTE = "<sip:orig@scscf.ims.example.net;lr>";
  static final AtomicInteger USERS = new AtomicInteger();

  @TempDir
  static Path dir;

  static ConfigurableApplicationContext ims;
  static ScscfSipService sip;

  @BeforeAll
  static void start() throws Exception {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);
    ims = ImsCoreApplication.builder().properties(
        "webims.ims.sip.port=0",
        "webims.ims.subscribers-file=" + subscribers,
        "spring.datasource.url=jdbc:h2:mem:ims-sessions;DB_CLOSE_DELAY=-1").run();
    sip = ims.getBean(ScscfSipService.class);
  }

  @AfterAll
  static void stop() {
    ims.close();
  }

  /** A new subscriber with the given IMPUs (the first names it), not registered. */
  static String newSubscriber(String... extraImpus) {
    String user = "u" + USERS.incrementAndGet();
    String impu = "sip:" + user + "@ims.example.net";
    List<String> impus = new java.util.ArrayList<>(List.of(impu));
    impus.addAll(List.of(extraImpus));
    ims.getBean(SubscriberRepository.class).save(Subscriber.withPassword(impi(impu), TestSubscribers.REALM,
        impus, "pw", List.of()));
    return impu;
  }

  static String impi(String impu) {
    return impu.substring(4, impu.indexOf('@')) + "_private@ims.example.net";
  }

  /** Registers {@code impu} through {@code peer}, with a Path to that peer and contact {@code contactUser}. */
  static String register(SipPeer peer, String impu, String contactUser) throws Exception {
    String path = "<" + peer.uri("fl-" + contactUser, ";lr;ob") + ">";
    String contact = "sip:" + contactUser + "@df7jal23ls0d.invalid;transport=ws";
    peer.send(TestRegisters.register("UDP", impu, impi(impu), USERS.incrementAndGet())
        .setHeader(HeaderNames.PATH, path).setHeader(HeaderNames.CONTACT, "<" + contact + ">").build());
    assertThat(response(peer, "REGISTER").statusCode()).isEqualTo(200);
    return contact;
  }

  static SipResponse response(SipPeer peer, String method) throws Exception {
    while (true) {
      SipMessage m = peer.receive().message();
      if (!m.isRequest() && ((SipResponse) m).cseq().method().equals(method)
          && ((SipResponse) m).statusCode() != 100) {
        return (SipResponse) m;
      }
    }
  }

  static SipPeer.Received request(SipPeer peer, String method) throws Exception {
    while (true) {
      SipPeer.Received r = peer.receive();
      if (r.message().isRequest() && ((SipRequest) r.message()).method().equals(method)) {
        return r;
      }
    }
  }

  static SipRequest invite(SipPeer caller, String from, String to, String callId) throws Exception {
    return SipRequest.builder(SipRequest.INVITE, Uri.parse(to))
        .header(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.1:" + caller.address().getPort() + ";branch=z9hG4bKinv"
            + USERS.incrementAndGet())
        .header(HeaderNames.ROUTE, SERVICE_ROUTE)
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, "<" + from + ">;tag=caller1")
        .header(HeaderNames.TO, "<" + to + ">")
        .header(HeaderNames.CALL_ID, callId)
        .header(HeaderNames.CSEQ, "1 INVITE")
        .header(HeaderNames.CONTACT, "<sip:caller@127.0.0.1:" + caller.address().getPort() + ">")
        .header(HeaderNames.P_ASSERTED_IDENTITY, "<" + from + ">")
        .build();
  }

  /** An in-dialog request of the caller, routed by the dialog's route set (the 200's Record-Route reversed). */
  static SipRequest inDialog(SipPeer caller, String method, SipRequest invite, SipResponse ok, long cseq)
      throws Exception {
    SipRequest.Builder b = SipRequest.builder(method, ok.contacts().get(0).address().uri())
        .header(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.1:" + caller.address().getPort() + ";branch=z9hG4bK"
            + method.toLowerCase() + cseq)
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, invite.headerValues(HeaderNames.FROM).get(0))
        .header(HeaderNames.TO, ok.headerValues(HeaderNames.TO).get(0))
        .header(HeaderNames.CALL_ID, invite.callId())
        .header(HeaderNames.CSEQ, cseq + " " + method);
    List<String> recordRoute = ok.headerValues(HeaderNames.RECORD_ROUTE);
    for (int i = recordRoute.size() - 1; i >= 0; i--) {
      b.header(HeaderNames.ROUTE, recordRoute.get(i));
    }
    return b.build();
  }

  static SipResponse answer(SipRequest request, int status, String toTag, String recordRoute) throws Exception {
    SipResponse.Builder b = SipResponse.to(request, status, null);
    if (toTag != null) {
      b.setHeader(HeaderNames.TO, request.headerValues(HeaderNames.TO).get(0) + ";tag=" + toTag);
    }
    if (recordRoute != null) {
      for (String rr : request.headerValues(HeaderNames.RECORD_ROUTE)) {
        b.header(HeaderNames.RECORD_ROUTE, rr);
      }
      b.header(HeaderNames.CONTACT, "<" + request.requestUri() + ">");
      b.prependHeader(HeaderNames.RECORD_ROUTE, recordRoute);
    }
    return b.build();
  }

  @Test
  void scs30And32TheInviteReachesTheCalleeThroughItsPathWithRecordRouteAndAckAndByePassTheScscf()
      throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress()); SipPeer callee = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice1");
      String bobContact = register(callee, bob, "bob1");
      String calleePath = "<" + callee.uri("fl-bob1", ";lr;ob") + ">";

      SipRequest invite = invite(caller, alice, bob, "call-30-" + bob);
      caller.send(invite);
      SipPeer.Received in = request(callee, SipRequest.INVITE);
      SipRequest forwarded = (SipRequest) in.message();
      assertThat(forwarded.requestUri().toString()).isEqualTo(bobContact);
      assertThat(forwarded.headerValues(HeaderNames.ROUTE)).containsExactly(calleePath);
      assertThat(forwarded.headerValues(HeaderNames.RECORD_ROUTE)).containsExactly(SERVICE_ROUTE); // SCS-32

      in.reply(answer(forwarded, 180, "bob1tag", calleePath));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(180);
      in.reply(answer(forwarded, 200, "bob1tag", calleePath));
      SipResponse ok = response(caller, "INVITE");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headerValues(HeaderNames.RECORD_ROUTE)).containsExactly(calleePath, SERVICE_ROUTE);

      caller.send(inDialog(caller, SipRequest.ACK, invite, ok, 1));
      SipRequest ack = (SipRequest) request(callee, SipRequest.ACK).message();
      assertThat(ack.requestUri().toString()).isEqualTo(bobContact);

      caller.send(inDialog(caller, SipRequest.BYE, invite, ok, 2));
      SipPeer.Received bye = request(callee, SipRequest.BYE);
      bye.reply(SipResponse.to((SipRequest) bye.message(), 200, null).build());
      assertThat(response(caller, "BYE").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void scs31BothContactsGetTheInviteTheFirst200WinsAndTheOtherIsCancelled() throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress());
        SipPeer first = new SipPeer("UDP", sip.udpAddress());
        SipPeer second = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice2");
      register(first, bob, "bob2a");
      register(second, bob, "bob2b");

      caller.send(invite(caller, alice, bob, "call-31-" + bob));
      SipPeer.Received a = request(first, SipRequest.INVITE);
      SipPeer.Received b = request(second, SipRequest.INVITE);
      b.reply(answer((SipRequest) b.message(), 180, "loser", null)); // RFC 3261 §9.1: CANCEL after a provisional
      a.reply(answer((SipRequest) a.message(), 200, "winner", "<" + first.uri("fl-bob2a", ";lr;ob") + ">"));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(180);
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(200);
      SipPeer.Received cancel = request(second, SipRequest.CANCEL);
      assertThat(cancel.message().callId()).isEqualTo(b.message().callId());
    }
  }

  @Test
  void scs31A6xxFromOneContactStopsTheSearchAndCancelsTheOther() throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress());
        SipPeer first = new SipPeer("UDP", sip.udpAddress());
        SipPeer second = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice7");
      register(first, bob, "bob7a");
      register(second, bob, "bob7b");

      caller.send(invite(caller, alice, bob, "call-6xx-" + USERS.incrementAndGet()));
      SipPeer.Received a = request(first, SipRequest.INVITE);
      SipPeer.Received b = request(second, SipRequest.INVITE);
      b.reply(answer((SipRequest) b.message(), 180, "ringing", null));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(180);
      a.reply(answer((SipRequest) a.message(), 603, "declined", null));
      SipPeer.Received cancel = request(second, SipRequest.CANCEL);
      assertThat(cancel.message().callId()).isEqualTo(b.message().callId());
      cancel.reply(SipResponse.to((SipRequest) cancel.message(), 200, null).build());
      b.reply(answer((SipRequest) b.message(), 487, "ringing", null));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(603); // the 6xx, not the 487
    }
  }

  /**
   * SCS-33, RFC 5626 §5.3: a 430 from the eP-CSCF ends that contact's binding. The caller gets 480
   * for it, not the 430; a reg subscriber on the other contact learns the contact is terminated
   * ({@code deactivated}) and stays subscribed; the next INVITE goes only to the other contact.
   */
  @Test
  void scs33A430FromOneContactEndsItsBindingAndTheNextInviteGoesOnlyToTheOther() throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress());
        SipPeer live = new SipPeer("UDP", sip.udpAddress());
        SipPeer dead = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice33");
      String liveContact = register(live, bob, "k2not68h"); // TestSubscribes' contact: the subscriber
      String deadContact = register(dead, bob, "bob33dead");
      live.send(TestSubscribes.fromUe(bob, "UDP", 1, 600000).build());
      SipPeer.Received initial = request(live, SipRequest.NOTIFY);
      initial.reply(SipResponse.to((SipRequest) initial.message(), 200, null).build());

      caller.send(invite(caller, alice, bob, "call-430-" + USERS.incrementAndGet()));
      SipPeer.Received atLive = request(live, SipRequest.INVITE);
      SipPeer.Received atDead = request(dead, SipRequest.INVITE);
      atDead.reply(SipResponse.to((SipRequest) atDead.message(), 430, "Flow Failed").build());

      SipPeer.Received notify = request(live, SipRequest.NOTIFY);
      notify.reply(SipResponse.to((SipRequest) notify.message(), 200, null).build());
      SipRequest n = (SipRequest) notify.message();
      assertThat(n.subscriptionState().state()).isEqualTo("active");
      RegInfo info = ReginfoBodies.read(n.body());
      assertThat(info.registration(bob).state()).isEqualTo("active");
      assertThat(info.registration(bob).contacts()).anySatisfy(c -> {
        assertThat(c.uri()).isEqualTo(deadContact);
        assertThat(c.state()).isEqualTo("terminated");
        assertThat(c.event()).isEqualTo("deactivated");
      });
      assertThat(info.registration(bob).contacts()).anySatisfy(c -> {
        assertThat(c.uri()).isEqualTo(liveContact);
        assertThat(c.state()).isEqualTo("active");
      });
      atLive.reply(answer((SipRequest) atLive.message(), 486, "busy", null));
      assertThat(response(caller, "INVITE").statusCode()).isIn(480, 486);

      caller.send(invite(caller, alice, bob, "call-after-430-" + USERS.incrementAndGet()));
      SipPeer.Received again = request(live, SipRequest.INVITE);
      again.reply(answer((SipRequest) again.message(), 486, "busy", null));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(486); // no branch waits on the dead contact
      assertThat(ims.getBean(Registrar.class).bindings(bob)).extracting(Binding::uri).containsExactly(liveContact);
    }
  }

  /** SCS-33: a lone contact's 430 reaches the caller as 480, and the callee is then unregistered. */
  @Test
  void scs33TheCallerOfACalleeWhoseOnlyFlowFailedGets480AndTheNextCall480AtOnce() throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress());
        SipPeer dead = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice34");
      register(dead, bob, "bob34dead");

      caller.send(invite(caller, alice, bob, "call-430-only-" + USERS.incrementAndGet()));
      SipPeer.Received atDead = request(dead, SipRequest.INVITE);
      atDead.reply(SipResponse.to((SipRequest) atDead.message(), 430, "Flow Failed").build());
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(480);
      assertThat(ims.getBean(Registrar.class).bindings(bob)).isEmpty();

      caller.send(invite(caller, alice, bob, "call-430-next-" + USERS.incrementAndGet()));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(480);
    }
  }

  @Test
  void scs30ACalleeWithoutRegistrationGets480() throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice3");
      caller.send(invite(caller, alice, bob, "call-480-" + bob));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(480);
    }
  }

  @Test
  void scs30AnUnknownPublicIdentityGets404() throws Exception {
    String alice = newSubscriber();
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice4");
      caller.send(invite(caller, alice, "sip:nobody@ims.example.net", "call-404"));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void scs30ATelUriIsResolvedThroughTheImplicitRegistrationSet() throws Exception {
    String alice = newSubscriber();
    String tel = "tel:+1555777" + (1000 + USERS.get());
    String bob = newSubscriber(tel);
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress()); SipPeer callee = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice5");
      String bobContact = register(callee, bob, "bob5");
      caller.send(invite(caller, alice, tel, "call-tel-" + bob));
      SipPeer.Received in = request(callee, SipRequest.INVITE);
      assertThat(((SipRequest) in.message()).requestUri().toString()).isEqualTo(bobContact);
    }
  }

  @Test
  void scs30ASipUriWithUserPhoneIsRoutedAsTheTelUriOfItsNumber() throws Exception {
    // JsSIP (and most SIP phones) dial a number as sip:+1555...@domain;user=phone (RFC 3261 §19.1.6)
    String alice = newSubscriber();
    String number = "+1555888" + (1000 + USERS.get());
    String bob = newSubscriber("tel:" + number);
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress()); SipPeer callee = new SipPeer("UDP", sip.udpAddress())) {
      register(caller, alice, "alice8");
      String bobContact = register(callee, bob, "bob8");
      caller.send(invite(caller, alice, "sip:" + number + "@ims.example.net;user=phone", "call-user-phone-" + bob));
      SipPeer.Received in = request(callee, SipRequest.INVITE);
      assertThat(((SipRequest) in.message()).requestUri().toString()).isEqualTo(bobContact);
    }
  }

  @Test
  void scs30AnOriginatorWhoseAssertedIdentityIsNotRegisteredGets403() throws Exception {
    String mallory = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer caller = new SipPeer("UDP", sip.udpAddress()); SipPeer callee = new SipPeer("UDP", sip.udpAddress())) {
      register(callee, bob, "bob6");
      caller.send(invite(caller, mallory, bob, "call-403-" + bob));
      assertThat(response(caller, "INVITE").statusCode()).isEqualTo(403);
    }
  }

  /**
   * SCS-30 with SCS-05's trust: the P-Asserted-Identity of an initial request is believed only from a trusted
   * node (webims.ims.trusted-nodes, here 127.0.0.1); from any other sender it is 403, however registered the
   * identity it asserts.
   */
  @Test
  void scs30AnInitialRequestFromAnUntrustedNodeGets403EvenForARegisteredIdentity() throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer aliceEdge = new SipPeer("UDP", sip.udpAddress()); SipPeer callee = new SipPeer("UDP", sip.udpAddress());
        SipPeer stranger = new SipPeer("UDP", sip.udpAddress(), java.net.InetAddress.getByName("127.0.0.2"))) {
      register(aliceEdge, alice, "alice9");
      register(callee, bob, "bob9");
      SipRequest invite = invite(stranger, alice, bob, "call-untrusted-" + bob).toBuilder()
          .setHeader(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.2:" + stranger.address().getPort() + ";branch=z9hG4bKstr1")
          .build();
      stranger.send(invite);
      SipResponse refused = response(stranger, "INVITE");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.reasonPhrase()).isEqualTo("Untrusted node");
    }
  }
  /**
   * SCS-34: a phone that registered at the S-CSCF itself (SIP Digest, no P-CSCF) sends its INVITE without
   * P-Asserted-Identity, from any address: the S-CSCF challenges it with 407 (RFC 3261 §22.3) and, once the
   * Proxy-Authorization is right for an IMPI owning the registered From identity, routes it.
   */
  @Test
  void scs34AnInviteWithoutAssertedIdentityIsDigestChallengedAndThenRouted() throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer aliceEdge = new SipPeer("UDP", sip.udpAddress());
        SipPeer callee = new SipPeer("UDP", sip.udpAddress());
        SipPeer phone = new SipPeer("UDP", sip.udpAddress(), InetAddress.getByName("127.0.0.2"))) {
      register(aliceEdge, alice, "alice10");
      register(callee, bob, "bob10");
      SipRequest invite = phoneInvite(phone, alice, bob, "call-phone-" + bob, 1, null);
      phone.send(invite);
      SipResponse challenged = response(phone, "INVITE");
      assertThat(challenged.statusCode()).isEqualTo(407);
      DigestChallenge md5 = null;
      for (AuthValue v : challenged.authValues(HeaderNames.PROXY_AUTHENTICATE)) {
        DigestChallenge c = DigestChallenge.from(v);
        if ("MD5".equalsIgnoreCase(c.algorithm())) {
          md5 = c;
        }
      }
      assertThat(md5).as("an MD5 challenge in %s", challenged).isNotNull();
      phone.send(ack(invite, challenged));

      String nc = Rfc7616Response.formatNc(1);
      String response = Rfc7616Response.compute(DigestAlgorithm.MD5,
          impi(alice), md5.realm(), "pw", "INVITE", bob, md5.nonce(), nc, "c0ffee", "auth", null);
      String credentials = DigestCredentials.builder().username(impi(alice)).realm(md5.realm())
          .nonce(md5.nonce()).uri(bob).response(response).algorithm("MD5").cnonce("c0ffee").opaque(md5.opaque())
          .qop("auth").nc(nc).build().toString();
      phone.send(phoneInvite(phone, alice, bob, "call-phone-" + bob, 2, credentials));
      SipPeer.Received in = request(callee, SipRequest.INVITE);
      in.reply(answer((SipRequest) in.message(), 486, "bob10tag", null));
      assertThat(response(phone, "INVITE").statusCode()).isEqualTo(486);
    }
  }

  /** SCS-34: a wrong password in the Proxy-Authorization gets 403. */
  @Test
  void scs34AWrongProxyAuthorizationGets403() throws Exception {
    String alice = newSubscriber();
    String bob = newSubscriber();
    try (SipPeer aliceEdge = new SipPeer("UDP", sip.udpAddress());
        SipPeer phone = new SipPeer("UDP", sip.udpAddress(), InetAddress.getByName("127.0.0.2"))) {
      register(aliceEdge, alice, "alice11");
      SipRequest invite = phoneInvite(phone, alice, bob, "call-phone-wrong-" + bob, 1, null);
      phone.send(invite);
      SipResponse challenged = response(phone, "INVITE");
      assertThat(challenged.statusCode()).isEqualTo(407);
      phone.send(ack(invite, challenged));
      DigestChallenge first = DigestChallenge.from(
          challenged.authValues(HeaderNames.PROXY_AUTHENTICATE).get(0));
      DigestAlgorithm algorithm = DigestAlgorithm.fromToken(first.algorithm());
      String nc = Rfc7616Response.formatNc(1);
      String response = Rfc7616Response.compute(algorithm, impi(alice), first.realm(),
          "not-the-password", "INVITE", bob, first.nonce(), nc, "c0ffee", "auth", null);
      String credentials = DigestCredentials.builder().username(impi(alice)).realm(first.realm())
          .nonce(first.nonce()).uri(bob).response(response).algorithm(first.algorithm()).cnonce("c0ffee")
          .opaque(first.opaque()).qop("auth").nc(nc).build().toString();
      phone.send(phoneInvite(phone, alice, bob, "call-phone-wrong-" + bob, 2, credentials));
      SipResponse refused = response(phone, "INVITE");
      assertThat(refused.statusCode()).isEqualTo(403);
    }
  }

  /** An INVITE as a plain SIP phone sends it: no P-Asserted-Identity, optionally with Proxy-Authorization. */
  static SipRequest phoneInvite(SipPeer phone, String from, String to, String callId, long cseq, String credentials)
      throws Exception {
    SipRequest.Builder b = invite(phone, from, to, callId).toBuilder()
        .setHeader(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.2:" + phone.address().getPort() + ";branch=z9hG4bKph" + cseq)
        .setHeader(HeaderNames.CSEQ, cseq + " INVITE")
        .removeHeader(HeaderNames.P_ASSERTED_IDENTITY);
    if (credentials != null) {
      b.header(HeaderNames.PROXY_AUTHORIZATION, credentials);
    }
    return b.build();
  }

  /** RFC 3261 §17.1.1.3: the ACK of a non-2xx final response. */
  static SipRequest ack(SipRequest invite, SipResponse response) throws Exception {
    return SipRequest.builder(SipRequest.ACK, invite.requestUri())
        .header(HeaderNames.VIA, invite.headerValues(HeaderNames.VIA).get(0))
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.ROUTE, SERVICE_ROUTE)
        .header(HeaderNames.FROM, invite.headerValues(HeaderNames.FROM).get(0))
        .header(HeaderNames.TO, response.headerValues(HeaderNames.TO).get(0))
        .header(HeaderNames.CALL_ID, invite.callId())
        .header(HeaderNames.CSEQ, invite.cseq().sequence() + " ACK")
        .build();
  }
}
