package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.server.testing.ManagementPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.testing.FakeScscf;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * Over real sockets (EPC-32, 33, 43): a WIC registers over WSS through the eP-CSCF to a fake
 * S-CSCF on TCP, which then sends a NOTIFY to the Path URI on a new TCP connection to the
 * eP-CSCF's core-side port, as an S-CSCF would.
 */
class RegEventWssTest {

  private static final String ORIGIN = "https://localhost:8443";
  private static final RSAKey wafKey = TestTokens.newKey("waf-1");

  @TempDir
  static Path dir;

  private static RunningEpCscf running;
  private static FakeScscf scscf;
  private static ConfigurableApplicationContext context;
  private static EpCscf epcscf;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.websocket.idle-timeout=3s");
    scscf = running.scscf;
    context = running.context;
    epcscf = running.epcscf;
    http = running.http;
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static String register(WsClient ws) throws Exception {
    ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(wafKey, TestTokens.claims(Instant.now()).build()))));
    SipRequest forwarded = scscf.next();
    assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
    return forwarded.paths().get(0).uri().toString();
  }

  /** The eP-CSCF's next new reg-event subscription, past the unsubscriptions of other tests' flows; null after 10 s. */
  private static SipRequest nextSubscription() throws Exception {
    SipRequest subscribe = scscf.nextSubscribe();
    while (subscribe != null && subscribe.expires() == 0) {
      subscribe = scscf.nextSubscribe();
    }
    return subscribe;
  }

  private static String notify(String pathUri, String branch) {
    String body = "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"0\" state=\"full\">"
        + "<registration aor=\"sip:alice@ims.example.net\" id=\"a1\" state=\"active\"/></reginfo>";
    return scscf.notifyAlongPath(pathUri, branch, "active;expires=600", body);
  }

  private static SipResponse sendFromScscf(String request) throws Exception {
    return FakeScscf.send(new InetSocketAddress("127.0.0.1", epcscf.coreAddress().getPort()), request);
  }

  @Test
  void subscribesAfterThe200AndRelaysANotifyOnThePathBothWays_EPC32_EPC33() throws Exception {
    try (WsClient ws = WsClient.connect(http, epcscf.webSocketUri(), "sip", ORIGIN)) {
      String pathUri = register(ws);

      SipRequest subscribe = nextSubscription();
      assertThat(subscribe).isNotNull();
      assertThat(subscribe.requestUri().toString()).isEqualTo("sip:alice@ims.example.net");
      assertThat(subscribe.header(HeaderNames.EVENT)).isEqualTo("reg");
      assertThat(subscribe.expires()).isGreaterThan(3600);
      assertThat(subscribe.header(HeaderNames.CONTACT))
          .isEqualTo("<sip:127.0.0.1:" + epcscf.coreAddress().getPort() + ";transport=tcp>");

      java.util.concurrent.CompletableFuture<SipResponse> answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return sendFromScscf(notify(pathUri, "z9hG4bKscn1"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      String text = ws.next();
      SipRequest relayed = TestMessages.parse(text);
      assertThat(relayed.isMethod(SipRequest.NOTIFY)).isTrue();
      assertThat(relayed.header(HeaderNames.VIA)).startsWith("SIP/2.0/WSS 127.0.0.1;branch=z9hG4bKep");
      assertThat(relayed.hasHeader(HeaderNames.ROUTE)).isFalse();
      ManagementPort management = ManagementPort.of(context);
      double terminated = management.scrape().count("webims_epcscf_transactions_total", "direction", "terminating",
          "method", "NOTIFY", "class", "2xx");
      ws.send(SipResponse.to(relayed, 200, "OK").build().encode());

      SipResponse ok = answer.get(10, TimeUnit.SECONDS);
      assertThat(ok).isNotNull();
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.topVia().branch()).isEqualTo("z9hG4bKscn1");
      assertThat(ok.headerLines(HeaderNames.VIA)).hasSize(1);
      // Issue 16: the WIC's answer ended a terminating transaction.
      assertThat(management.scrape().count("webims_epcscf_transactions_total", "direction", "terminating",
          "method", "NOTIFY", "class", "2xx") - terminated).isEqualTo(1);
    }
  }

  @Test
  void aNotifyAfterTheWebSocketClosedGets481AndTheSubscriptionEnds_EPC43_EPC62() throws Exception {
    WsClient ws = WsClient.connect(http, epcscf.webSocketUri(), "sip", ORIGIN);
    String pathUri = register(ws);
    SipRequest subscribe = nextSubscription();
    String flowId = pathUri.substring(4, pathUri.indexOf('@'));
    ws.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> epcscf.registrations().forFlow(flowId).isEmpty());

    SipRequest unsubscribe = scscf.nextSubscribe();
    while (unsubscribe != null && !unsubscribe.callId().equals(subscribe.callId())) {
      unsubscribe = scscf.nextSubscribe(); // other tests' flows end too
    }
    assertThat(unsubscribe).isNotNull();
    assertThat(unsubscribe.expires()).isZero();
    SipResponse failed = sendFromScscf(notify(pathUri, "z9hG4bKscn2"));
    assertThat(failed.statusCode()).isEqualTo(481); // in the dialog: the dialog is gone with the flow (EPC-62)
  }

  /**
   * Issue 12, EPC-42: a client that never subscribed itself (JsSIP does not) learns of a network
   * deregistration by the close of its WebSocket, after the eP-CSCF's own subscription told the eP-CSCF.
   */
  @Test
  void aNetworkDeregistrationClosesTheFlowOfAClientThatNeverSubscribed_EPC42() throws Exception {
    WsClient ws = WsClient.connect(http, epcscf.webSocketUri(), "sip", ORIGIN);
    String pathUri = register(ws);
    SipRequest subscribe = nextSubscription();
    assertThat(subscribe).isNotNull();
    String flowId = pathUri.substring(4, pathUri.indexOf('@'));
    String body = "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"1\" state=\"full\">"
        + "<registration aor=\"sip:alice@ims.example.net\" id=\"a1\" state=\"terminated\">"
        + "<contact id=\"c1\" state=\"terminated\" event=\"deactivated\">"
        + "<uri>sip:k2not68h@df7jal23ls0d.invalid;transport=ws</uri></contact></registration>"
        + "<registration aor=\"tel:+15551230001\" id=\"a2\" state=\"terminated\">"
        + "<contact id=\"c2\" state=\"terminated\" event=\"deactivated\">"
        + "<uri>sip:k2not68h@df7jal23ls0d.invalid;transport=ws</uri></contact></registration></reginfo>";
    String ownNotify = "NOTIFY " + subscribe.header(HeaderNames.CONTACT).replace("<", "").replace(">", "") + " SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 127.0.0.1:" + scscf.port() + ";branch=z9hG4bKdereg1\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + subscribe.header(HeaderNames.TO) + ";tag=scscf9\r\n"
        + "To: " + subscribe.header(HeaderNames.FROM) + "\r\n"
        + "Call-ID: " + subscribe.callId() + "\r\n"
        + "CSeq: 2 NOTIFY\r\n"
        + "Event: reg\r\n"
        + "Subscription-State: terminated;reason=deactivated\r\n"
        + "Contact: <sip:127.0.0.1:" + scscf.port() + ";transport=tcp>\r\n"
        + "Content-Type: application/reginfo+xml\r\n"
        + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;

    assertThat(sendFromScscf(ownNotify).statusCode()).isEqualTo(200);

    assertThat(ws.awaitCloseCode()).isEqualTo(1000);
    assertThat(ws.closeReason()).isEqualTo("network deregistration");
    assertThat(epcscf.registrations().forFlow(flowId)).isEmpty();
  }

  @Test
  void answersCrlfKeepAlivesAndClosesIdleFlows_EPC43_WIC08() throws Exception {
    WsClient idle = WsClient.connect(http, epcscf.webSocketUri(), "sip", ORIGIN);
    try (WsClient alive = WsClient.connect(http, epcscf.webSocketUri(), "sip", ORIGIN)) {
      // The live client pings while waiting for the idle one to be closed; the wait paces the pings.
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      boolean closed = false;
      while (!closed && System.nanoTime() < end) {
        alive.send("\r\n\r\n");
        assertThat(alive.next()).isEqualTo("\r\n");
        closed = idle.awaitClosed(500);
      }
      assertThat(closed).as("idle flow closed").isTrue();
      assertThat(idle.awaitCloseCode()).isEqualTo(1001);
      alive.send("\r\n\r\n");
      assertThat(alive.next()).isEqualTo("\r\n"); // kept open by its keep-alives
    }
  }
}
