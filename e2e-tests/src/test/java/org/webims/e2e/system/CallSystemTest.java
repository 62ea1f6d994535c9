package org.webims.e2e.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.e2e.support.SipCallParty;
import org.webims.e2e.support.TokenEpCscf;
import org.webims.epcscf.EpCscf;
import org.webims.ims.ImsCoreApplication;
import org.webims.ims.scscf.Registrar;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;

/**
 * Issue 14 at the SIP level, on the real components and real sockets: a WAF (tokens), the eP-CSCF
 * (WSS) and the IMS core (TCP). Two WebSocket clients standing in for WICs register with WAF tokens
 * and call each other through the eP-CSCF and the S-CSCF: INVITE, 180, 200, ACK and BYE both ways,
 * CANCEL (487), a callee not registered (480), an unknown one (404), a callee on two flows (forking:
 * the first 200 wins, the other flow gets CANCEL), and a callee whose flow dies in the call (the
 * eP-CSCF's BYE reaches the caller, EPC-66), and a callee whose flow dies outside a call (the 430 ends
 * the binding at the S-CSCF and the caller gets 480, SCS-33).
 */
class CallSystemTest {

  private static final String DOMAIN = "ims.example.net";
  private static final String ORIGIN = "https://localhost:8443";
  private static final String ALICE = "sip:alice@ims.example.net";
  private static final String BOB = "sip:bob@ims.example.net";
  private static final String BOB_USER = "bob";
  private static final String BOB_PASSWORD = "bob-password";
  private static final String CAROL = "sip:carol@ims.example.net";
  /** Dave's flow dies in a call; his binding lasts until a request meets the 430 (SCS-33), so no other test calls him. */
  private static final String DAVE = "sip:dave@ims.example.net";
  private static final String DAVE_USER = "dave";
  private static final String DAVE_PASSWORD = "dave-password";
  /** Erin's flow dies outside a call (SCS-33). */
  private static final String ERIN = "sip:erin@ims.example.net";
  private static final String ERIN_USER = "erin";
  private static final String ERIN_PASSWORD = "erin-password";

  @TempDir
  static Path dir;

  private static WafTestServer waf;
  private static ConfigurableApplicationContext ims;
  private static ConfigurableApplicationContext epcscf;
  private static EpCscf ep;

  @BeforeAll
  static void startTheNetwork() throws Exception {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), String.join("\n",
        "subscribers:",
        "  - impi: alice_private@ims.example.net",
        "    impus: [ 'sip:alice@ims.example.net', 'tel:+15551230001' ]",
        "    allowed-waf-identities: []",
        "  - impi: bob_private@ims.example.net",
        "    impus: [ 'sip:bob@ims.example.net' ]",
        "    allowed-waf-identities: []",
        "  - impi: dave_private@ims.example.net",
        "    impus: [ 'sip:dave@ims.example.net' ]",
        "    allowed-waf-identities: []",
        "  - impi: erin_private@ims.example.net",
        "    impus: [ 'sip:erin@ims.example.net' ]",
        "    allowed-waf-identities: []",
        "  - impi: carol_private@ims.example.net",
        "    impus: [ 'sip:carol@ims.example.net' ]",
        "    allowed-waf-identities: []",
        ""));
    ims = ImsCoreApplication.builder().run("--webims.ims.sip.port=0",
        "--webims.ims.subscribers-file=" + subscribers,
        "--spring.datasource.url=jdbc:h2:mem:ims-calls;DB_CLOSE_DELAY=-1");
    waf = WafTestServer.startHttps(dir.resolve("waf"), TestSeedFile.standard()
        .user(BOB_USER, BOB_PASSWORD, "bob_private@ims.example.net", List.of(BOB))
        .user(DAVE_USER, DAVE_PASSWORD, "dave_private@ims.example.net", List.of(DAVE))
        .user(ERIN_USER, ERIN_PASSWORD, "erin_private@ims.example.net", List.of(ERIN)));
    epcscf = TokenEpCscf.start(ims, waf, "127.0.0.1", dir.resolve("ep-tls.p12"));
    ep = epcscf.getBean(EpCscf.class);
  }

  @AfterAll
  static void stopTheNetwork() {
    for (AutoCloseable c : new AutoCloseable[] {epcscf, ims, waf}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the others
      }
    }
  }

  private static SipCallParty alice() throws Exception {
    return SipCallParty.register(ep.webSocketUri(), ORIGIN, DOMAIN, ALICE,
        waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD));
  }

  private static SipCallParty bob() throws Exception {
    return SipCallParty.register(ep.webSocketUri(), ORIGIN, DOMAIN, BOB,
        waf.tokenClient().accessToken(BOB_USER, BOB_PASSWORD));
  }

  /** A rings B, B answers, A acknowledges: the INVITE as B got it, and the 200 as A got it. */
  private record Call(SipRequest sent, SipRequest received, SipResponse ok, String calleeTo) {
  }

  private static Call call(SipCallParty caller, SipCallParty callee) throws Exception {
    SipRequest invite = caller.invite(callee.impu());
    caller.send(invite);
    SipRequest received = callee.expectRequest(SipRequest.INVITE);
    callee.send(callee.answer(received, 180, "ring1"));
    caller.expectResponse(180, SipRequest.INVITE);
    SipResponse ok200 = callee.answer(received, 200, "ring1");
    callee.send(ok200);
    SipResponse ok = caller.expectResponse(200, SipRequest.INVITE);
    caller.send(caller.callerRequest(invite, ok, SipRequest.ACK, 1));
    callee.expectRequest(SipRequest.ACK);
    return new Call(invite, received, ok, ok200.header(HeaderNames.TO));
  }

  @Test
  void aliceCallsBobAndHangsUpThenBobCallsAliceAndAliceHangsUpAsCallee() throws Exception {
    // EPC-60..63, EPC-65, SCS-30, SCS-32, WIC-61 on the real components
    try (SipCallParty alice = alice(); SipCallParty bob = bob()) {
      Call one = call(alice, bob);
      assertThat(one.received().header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<" + ALICE + ">");
      assertThat(one.received().hasHeader(HeaderNames.AUTHORIZATION)).isFalse();
      assertThat(one.received().hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse();
      assertThat(one.ok().recordRoutes()).hasSizeGreaterThanOrEqualTo(2);
      alice.send(alice.callerRequest(one.sent(), one.ok(), SipRequest.BYE, 2));
      SipRequest bye = bob.expectRequest(SipRequest.BYE);
      bob.send(SipResponse.to(bye, 200, null).build());
      alice.expectResponse(200, SipRequest.BYE);

      Call two = call(bob, alice);
      assertThat(two.received().header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<" + BOB + ">");
      alice.send(alice.calleeRequest(two.received(), two.calleeTo(), SipRequest.BYE, 1));
      SipRequest byeToBob = bob.expectRequest(SipRequest.BYE);
      bob.send(SipResponse.to(byeToBob, 200, null).build());
      alice.expectResponse(200, SipRequest.BYE);
    }
  }

  @Test
  void aCallerWhoCancelsWhileItRingsGets487() throws Exception {
    try (SipCallParty alice = alice(); SipCallParty bob = bob()) {
      SipRequest invite = alice.invite(BOB);
      alice.send(invite);
      SipRequest received = bob.expectRequest(SipRequest.INVITE);
      bob.send(bob.answer(received, 180, "ring2"));
      alice.expectResponse(180, SipRequest.INVITE);

      alice.send(alice.cancel(invite));
      alice.expectResponse(200, SipRequest.CANCEL);
      SipRequest cancel = bob.expectRequest(SipRequest.CANCEL);
      bob.send(SipResponse.to(cancel, 200, null).build());
      bob.send(bob.answer(received, 487, "ring2"));
      alice.expectResponse(487, SipRequest.INVITE);
    }
  }

  @Test
  void aCalleeWhoIsNotRegisteredGets480AndAnUnknownOneGets404() throws Exception {
    // SCS-30 through the eP-CSCF
    try (SipCallParty alice = alice()) {
      alice.send(alice.invite(CAROL));
      assertThat(alice.expectResponse(480, SipRequest.INVITE).statusCode()).isEqualTo(480);
      alice.send(alice.invite("sip:nobody@ims.example.net"));
      assertThat(alice.expectResponse(404, SipRequest.INVITE).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aCalleeOnTwoFlowsGetsBothTheFirst200WinsAndTheOtherFlowIsCancelled() throws Exception {
    // SCS-31 through the eP-CSCF: one INVITE per registered flow
    try (SipCallParty alice = alice(); SipCallParty bobOne = bob(); SipCallParty bobTwo = bob()) {
      SipRequest invite = alice.invite(BOB);
      alice.send(invite);
      SipRequest toOne = bobOne.expectRequest(SipRequest.INVITE);
      SipRequest toTwo = bobTwo.expectRequest(SipRequest.INVITE);
      bobOne.send(bobOne.answer(toOne, 180, "one"));
      bobTwo.send(bobTwo.answer(toTwo, 180, "two"));

      bobTwo.send(bobTwo.answer(toTwo, 200, "two"));
      SipResponse ok = alice.expectResponse(200, SipRequest.INVITE);
      assertThat(ok.to().tag()).isEqualTo("two");
      alice.send(alice.callerRequest(invite, ok, SipRequest.ACK, 1));
      bobTwo.expectRequest(SipRequest.ACK);

      SipRequest cancel = bobOne.expectRequest(SipRequest.CANCEL);
      bobOne.send(SipResponse.to(cancel, 200, null).build());
      bobOne.send(bobOne.answer(toOne, 487, "one"));

      alice.send(alice.callerRequest(invite, ok, SipRequest.BYE, 2));
      SipRequest bye = bobTwo.expectRequest(SipRequest.BYE);
      bobTwo.send(SipResponse.to(bye, 200, null).build());
      alice.expectResponse(200, SipRequest.BYE);
    }
  }

  @Test
  void whenTheCalleesFlowDiesInACallTheCallerGetsTheEpCscfsBye() throws Exception {
    // EPC-66 end to end: the eP-CSCF ends bob's dialog toward the core; the BYE reaches alice
    try (SipCallParty alice = alice()) {
      SipCallParty dave = SipCallParty.register(ep.webSocketUri(), ORIGIN, DOMAIN, DAVE,
          waf.tokenClient().accessToken(DAVE_USER, DAVE_PASSWORD));
      Call call = call(alice, dave);

      dave.loseFlow();

      SipRequest bye = alice.expectRequest(SipRequest.BYE);
      assertThat(bye.callId()).isEqualTo(call.sent().callId());
      assertThat(bye.header("Reason")).isEqualTo("SIP;cause=430;text=\"Flow Failed\"");
      assertThat(bye.from().tag()).isEqualTo(call.ok().to().tag());
      alice.send(SipResponse.to(bye, 200, null).build());
    }
  }

  @Test
  void whenTheCalleesFlowDiesOutsideACallTheNextCallGets480AndTheBindingIsGone() throws Exception {
    // SCS-33, RFC 5626 §5.3: the eP-CSCF's 430 ends erin's binding at the S-CSCF; the caller gets 480, not 430
    try (SipCallParty alice = alice()) {
      SipCallParty erin = SipCallParty.register(ep.webSocketUri(), ORIGIN, DOMAIN, ERIN,
          waf.tokenClient().accessToken(ERIN_USER, ERIN_PASSWORD));
      assertThat(ims.getBean(Registrar.class).bindings(ERIN)).hasSize(1);

      erin.loseFlow();
      long deadline = System.nanoTime() + 10_000_000_000L; // the eP-CSCF notices the closed WebSocket
      while (ep.registrations().forImpu(ERIN).isPresent() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(ep.registrations().forImpu(ERIN)).isEmpty();

      alice.send(alice.invite(ERIN));
      assertThat(alice.expectFinal(SipRequest.INVITE).statusCode()).isEqualTo(480);
      assertThat(ims.getBean(Registrar.class).bindings(ERIN)).isEmpty();
      alice.send(alice.invite(ERIN));
      assertThat(alice.expectFinal(SipRequest.INVITE).statusCode()).isEqualTo(480);
    }
  }
}
