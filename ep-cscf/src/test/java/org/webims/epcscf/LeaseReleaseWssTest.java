package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.FakeScscf;
import org.webims.epcscf.testing.FakeWafLeases;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * EPC-28, WAF-11 over real sockets: WICs register over WSS with scenario-3 tokens (an
 * {@code impu_lease} claim) through the eP-CSCF to a fake S-CSCF on TCP, and the eP-CSCF releases
 * the lease at a WAF stand-in over HTTPS after a deregistration, a network deregistration and the
 * expiry that follows a flow loss; a token with a released lease is refused.
 */
class LeaseReleaseWssTest {

  private static final String ORIGIN = "https://localhost:8443";
  private static final RSAKey wafKey = TestTokens.newKey("waf-1");

  @TempDir
  static Path dir;

  @RegisterExtension
  static final FakeWafLeases waf = new FakeWafLeases();
  private static RunningEpCscf running;
  private static FakeScscf scscf;
  private static EpCscf epcscf;
  private static int branches;

  @BeforeAll
  static void start() throws Exception {
    running = RunningEpCscf.start(dir, wafKey, waf.properties().toArray(new String[0]));
    scscf = running.scscf;
    epcscf = running.epcscf;
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static String token(String lease) {
    return TestTokens.sign(wafKey, TestTokens.claims(Instant.now()).claim("impu_lease", lease).build());
  }

  private static WsClient connect() throws Exception {
    return WsClient.connect(running.http, epcscf.webSocketUri(), "sip", ORIGIN);
  }

  /** REGISTER ({@code expires} 600000, or "0" to deregister) with {@code token}; the eP-CSCF's answer. */
  private static SipResponse register(WsClient ws, String token, String expires) throws Exception {
    ws.send(TestMessages.register(TestMessages.bearer(token), "z9hG4bKlr" + (++branches), branches, expires,
        TestTokens.IMPU));
    return ws.nextResponse();
  }

  /**
   * Registered: the 200 came back and the forwarded REGISTER was taken off the fake S-CSCF's queue.
   *
   * @return the Path URI the eP-CSCF inserted (naming the flow)
   */
  private static String registered(WsClient ws, String token) throws Exception {
    SipResponse ok = register(ws, token, "600000");
    assertThat(ok.statusCode()).isEqualTo(200);
    return scscf.next().paths().get(0).uri().toString();
  }

  private static void deregistered(WsClient ws, String token) throws Exception {
    assertThat(register(ws, token, "0").statusCode()).isEqualTo(200);
    scscf.next();
  }

  private static List<FakeWafLeases.Call> awaitRelease(String lease) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !waf.calls(lease).isEmpty()
        && !epcscf.leaseRelease().isSending(lease));
    return waf.calls(lease);
  }

  @Test
  void releasesTheLeaseAfterTheOkToADeregistrationAndRefusesItsTokenAfterwards_EPC28() throws Exception {
    String token = token("lease-dereg");
    try (WsClient ws = connect()) {
      registered(ws, token);
      assertThat(waf.calls("lease-dereg")).isEmpty();
      deregistered(ws, token);

      assertThat(awaitRelease("lease-dereg")).singleElement()
          .satisfies(c -> assertThat(c.body()).isEqualTo("{\"reason\":\"deregistered\"}"));
      assertThat(waf.isReleased("lease-dereg")).isTrue();

      SipResponse refused = register(ws, token, "600000");
      assertThat(refused.statusCode()).isEqualTo(401);
      BearerChallenge challenge = BearerChallenge.from(refused.authValues(HeaderNames.WWW_AUTHENTICATE).get(0));
      assertThat(challenge.error()).isEqualTo("invalid_token");
      assertThat(challenge.errorDescription()).isEqualTo("lease released");
      assertThat(challenge.realm()).isEqualTo("ims.example.net");
    }
    // a new lease (a fresh token from the WWSF) registers again
    try (WsClient ws = connect()) {
      registered(ws, token("lease-dereg-next"));
    }
  }

  @Test
  void releasesTheLeaseAfterANetworkDeregistration_EPC28() throws Exception {
    try (WsClient ws = connect()) {
      String path = registered(ws, token("lease-network"));
      String flow = path.substring(4, path.indexOf('@'));
      CompletableFuture<SipResponse> answer = CompletableFuture.supplyAsync(() -> {
        try {
          return FakeScscf.send(new InetSocketAddress("127.0.0.1", epcscf.coreAddress().getPort()),
              terminatedNotify(path));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      SipRequest relayed = TestMessages.parse(ws.next());
      assertThat(relayed.isMethod(SipRequest.NOTIFY)).isTrue();
      ws.send(SipResponse.to(relayed, 200, "OK").build().encode());
      assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> epcscf.registrations().forFlow(flow).isEmpty());

      assertThat(awaitRelease("lease-network")).singleElement()
          .satisfies(c -> assertThat(c.body()).isEqualTo("{\"reason\":\"network-deregistered\"}"));
    }
  }

  @Test
  void afterTheLossOfTheFlowReleasesTheLeaseWhenTheRegistrationExpires_EPC28_EPC43() throws Exception {
    scscf.grant(2);
    long closed;
    try (WsClient ws = connect()) {
      registered(ws, token("lease-lost"));
    } finally {
      scscf.grant(3600);
      closed = System.nanoTime();
    }
    FakeWafLeases.Call call = awaitRelease("lease-lost").get(0);
    assertThat(call.body()).isEqualTo("{\"reason\":\"flow-lost-expired\"}");
    assertThat(Duration.ofNanos(call.nanos() - closed)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void aNewRegistrationWithTheSameLeaseBeforeTheExpiryKeepsIt_EPC28() throws Exception {
    String token = token("lease-kept");
    List<WsClient> lost = new ArrayList<>();
    scscf.grant(2);
    lost.add(connect());
    registered(lost.get(0), token);
    scscf.grant(3); // a marker lease whose release comes after the kept lease's would have
    lost.add(connect());
    registered(lost.get(1), token("lease-marker"));
    scscf.grant(3600);
    lost.forEach(WsClient::close);
    await().atMost(Duration.ofSeconds(10)).until(() -> epcscf.leaseRelease().pendingAtExpiry() >= 2);

    try (WsClient again = connect()) {
      registered(again, token); // the WIC reconnected and registered with the same token
      awaitRelease("lease-marker");
      assertThat(waf.calls("lease-kept")).isEmpty();

      deregistered(again, token);
      assertThat(awaitRelease("lease-kept")).singleElement()
          .satisfies(c -> assertThat(c.body()).isEqualTo("{\"reason\":\"deregistered\"}"));
    }
  }

  @Test
  void aLeaseStaysWhileAnotherFlowStillHoldsIt_EPC28() throws Exception {
    String token = token("lease-shared");
    try (WsClient first = connect(); WsClient second = connect()) {
      registered(first, token);
      registered(second, token);
      deregistered(first, token);
      deregistered(second, token);

      assertThat(awaitRelease("lease-shared")).hasSize(1);
    }
  }

  @Test
  void withoutAClientSecretNothingIsReleasedOrRefused() throws Exception {
    String[] withoutSecret = waf.properties().stream().filter(p -> !p.contains("client-secret"))
        .toArray(String[]::new);
    try (RunningEpCscf off = RunningEpCscf.start(Files.createDirectories(dir.resolve("off")), wafKey,
        withoutSecret)) {
      String token = token("lease-off");
      try (WsClient ws = WsClient.connect(off.http, off.epcscf.webSocketUri(), "sip", ORIGIN)) {
        ws.send(TestMessages.register(TestMessages.bearer(token)));
        assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
        ws.send(TestMessages.register(TestMessages.bearer(token), "z9hG4bKoff2", 2, "0", TestTokens.IMPU));
        assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
        ws.send(TestMessages.register(TestMessages.bearer(token), "z9hG4bKoff3", 3, "600000", TestTokens.IMPU));
        assertThat(ws.nextResponse().statusCode()).isEqualTo(200); // not "lease released"
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> off.epcscf.registrations().count() == 0);
      assertThat(off.epcscf.leaseRelease().pendingAtExpiry()).isZero(); // the flow loss scheduled nothing
      assertThat(waf.calls("lease-off")).isEmpty();
    }
  }

  @Test
  void aNewEpCscfInstanceRefusesTheOldTokenOfALeaseReleasedBeforeItStarted_EPC28() throws Exception {
    String token = token("lease-restart");
    try (WsClient ws = connect()) {
      registered(ws, token);
      deregistered(ws, token);
      awaitRelease("lease-restart");
    }
    long asked = waf.stateCalls("lease-restart"); // once, by the node that registered it
    // A restarted (or another) eP-CSCF node: it never saw the release, the WAF did.
    try (RunningEpCscf fresh = RunningEpCscf.start(Files.createDirectories(dir.resolve("fresh")), wafKey,
        waf.properties().toArray(new String[0]));
        WsClient ws = WsClient.connect(fresh.http, fresh.epcscf.webSocketUri(), "sip", ORIGIN)) {
      ws.send(TestMessages.register(TestMessages.bearer(token)));
      SipResponse refused = ws.nextResponse();

      assertThat(refused.statusCode()).isEqualTo(401);
      BearerChallenge challenge = BearerChallenge.from(refused.authValues(HeaderNames.WWW_AUTHENTICATE).get(0));
      assertThat(challenge.error()).isEqualTo("invalid_token");
      assertThat(challenge.errorDescription()).isEqualTo("lease released");
      assertThat(waf.stateCalls("lease-restart")).isEqualTo(asked + 1);
      // refused again from memory, without asking the WAF, and nothing reached the core
      ws.send(TestMessages.register(TestMessages.bearer(token), "z9hG4bKrs2", 2, "600000", TestTokens.IMPU));
      assertThat(ws.nextResponse().statusCode()).isEqualTo(401);
      assertThat(waf.stateCalls("lease-restart")).isEqualTo(asked + 1);
      assertThat(fresh.scscf.pending()).isZero();
    }
  }

  @Test
  void aLeaseReleasedElsewhereIsRefusedAndALiveOneAskedForOnce_EPC28() throws Exception {
    waf.released("lease-elsewhere");
    try (WsClient ws = connect()) {
      SipResponse refused = register(ws, token("lease-elsewhere"), "600000");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(BearerChallenge.from(refused.authValues(HeaderNames.WWW_AUTHENTICATE).get(0)).errorDescription())
          .isEqualTo("lease released");

      String live = token("lease-live");
      registered(ws, live);
      registered(ws, live);
      assertThat(waf.stateCalls("lease-live")).isEqualTo(1); // the fast path: known live until the token's exp
    }
  }

  @Test
  void whenTheWafCannotSayTheLeaseTokenIsRefusedWith503AndRetryAfter_EPC28() throws Exception {
    waf.scriptState(503);
    try (WsClient ws = connect()) {
      SipResponse unavailable = register(ws, token("lease-waf-down"), "600000");

      assertThat(unavailable.statusCode()).isEqualTo(503);
      assertThat(unavailable.reasonPhrase()).isEqualTo("Lease state unavailable");
      assertThat(unavailable.header("Retry-After")).isEqualTo("10");
      assertThat(scscf.pending()).isZero();
      registered(ws, token("lease-waf-down")); // the WAF answers again: asked again, live
      assertThat(waf.stateCalls("lease-waf-down")).isEqualTo(2);
    }
  }

  /** The S-CSCF's reg NOTIFY to the WIC along {@code path}: every IMPU of the WIC's contact terminated (EPC-42). */
  private static String terminatedNotify(String path) {
    String body = "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"1\" state=\"full\">"
        + "<registration aor=\"sip:alice@ims.example.net\" id=\"a1\" state=\"terminated\"/>"
        + "<registration aor=\"tel:+15551230001\" id=\"a2\" state=\"terminated\"/></reginfo>";
    return scscf.notifyAlongPath(path, "z9hG4bKlrnotify", "terminated;reason=deactivated", body);
  }
}
