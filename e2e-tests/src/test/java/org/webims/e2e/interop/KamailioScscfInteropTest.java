package org.webims.e2e.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.e2e.support.KamailioScscf;
import org.webims.e2e.support.WicRegister;
import org.webims.e2e.support.WsSipClient;
import org.webims.epcscf.EpCscf;
import org.webims.epcscf.EpCscfApplication;
import org.webims.epcscf.regevent.RegEventSubscriptions;
import org.webims.sip.dialog.Dialog;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;

/**
 * Issue 13 point 3: the real eP-CSCF in front of a real Kamailio 5.6 acting as the S-CSCF
 * ({@code kamailio/scscf.cfg}: registrar with Path and Service-Route, trusted-node REGISTER, one
 * barred IMPU, reg-event notifier with presence_reginfo and pua_reginfo, Record-Route on SUBSCRIBE).
 * The WIC is a raw WSS client; tokens come from a real WAF. Kamailio grants reg subscriptions of
 * {@value #SUBSCRIPTION_SECONDS} s, so refreshes come every second or two.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KamailioScscfInteropTest {

  private static final String ORIGIN = "https://localhost:8443";
  /**
   * One user per test, so that no test sees another's reginfo. With one AOR for all, a fresh
   * registration was once dropped by the eP-CSCF right after its 200: Kamailio keeps the AOR's
   * reginfo (state "terminated" after the last test's deregistration), and the first NOTIFY to the
   * new subscription may come before pua_reginfo has published the new contact.
   */
  private static final List<String> USERS = List.of("carol", "dave", "erin", "frank");
  private static final String MALLORY = "mallory";
  private static final String MALLORY_PASSWORD = "mallory-password";
  private static final long SUBSCRIPTION_SECONDS = 4;

  @TempDir
  static Path dir;

  private KamailioScscf kamailio;
  private WafTestServer waf;
  private ConfigurableApplicationContext epcscf;
  private EpCscf ep;

  /** Kamailio's own log, printed when a test fails. */
  @RegisterExtension
  final AfterTestExecutionCallback printKamailioLogOnFailure = context -> {
    if (context.getExecutionException().isPresent() && kamailio != null) {
      System.out.println("----- kamailio log -----\n" + kamailio.log());
    }
  };

  @BeforeAll
  void startTheNetwork() throws Exception {
    kamailio = KamailioScscf.start(dir, SUBSCRIPTION_SECONDS);
    TestSeedFile seed = TestSeedFile.standard()
        .user(MALLORY, MALLORY_PASSWORD, "mallory_private@ims.example.net", List.of(KamailioScscf.BARRED_IMPU));
    for (String user : USERS) {
      seed.user(user, password(user), user + "_private@ims.example.net", List.of(impu(user)));
    }
    waf = WafTestServer.startHttps(dir.resolve("waf"), seed);
    epcscf = EpCscfApplication.builder().run("--server.port=0", "--webims.epcscf.core.port=0",
        "--webims.epcscf.core.bind-address=127.0.0.1",
        "--webims.tls.key-store=" + dir.resolve("ep-tls.p12"),
        "--webims.epcscf.core.uri=" + kamailio.uri(),
        "--webims.epcscf.token.issuer=" + waf.issuer(),
        "--webims.epcscf.token.jwks-uri=" + waf.jwksUri(),
        "--webims.epcscf.token.trust-store=" + waf.tlsKeyStore(),
        "--webims.epcscf.token.trust-store-password=" + WafTestServer.KEY_STORE_PASSWORD,
        "--webims.epcscf.lease-release.client-secret=" + WafTestServer.EPCSCF_CLIENT_SECRET);
    ep = epcscf.getBean(EpCscf.class);
  }

  @AfterAll
  void stopTheNetwork() throws Exception {
    if (epcscf != null) {
      epcscf.close();
    }
    if (waf != null) {
      waf.close();
    }
    if (kamailio != null) {
      kamailio.close();
    }
  }

  private static String impu(String user) {
    return "sip:" + user + "@" + KamailioScscf.REALM;
  }

  private static String password(String user) {
    return user + "-password";
  }

  private String bearer(String user) throws Exception {
    return bearer(user, password(user));
  }

  private String bearer(String user, String password) throws Exception {
    return "Bearer " + waf.tokenClient().accessToken(user, password);
  }

  private WsSipClient connect() throws Exception {
    WsSipClient client = WsSipClient.connect(ep.webSocketUri(), ORIGIN, true);
    assertThat(client.subprotocol()).isEqualTo("sip");
    return client;
  }

  /** A token REGISTER through the eP-CSCF, accepted by Kamailio. */
  private SipResponse registerWithToken(WsSipClient wic, WicRegister register, String bearer) throws Exception {
    SipResponse ok = wic.nextResponseAfter(register.next(600000, bearer));
    assertThat(ok.statusCode()).as(ok.encode()).isEqualTo(200);
    return ok;
  }

  @Test
  void tokenRegistrationReachesKamailioWithPathAndDeregistrationRemovesIt() throws Exception {
    // EPC-07 (Path), EPC-24 (trusted node, auth-done), WIC-31, EPC-41 against a standard registrar
    String aor = impu("carol");
    String bearer = bearer("carol");
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(KamailioScscf.REALM, aor);
      SipResponse ok = registerWithToken(wic, register, bearer);
      assertThat(ok.header(HeaderNames.SERVICE_ROUTE)).contains("sip:orig@127.0.0.1");
      assertThat(ok.pAssociatedUris()).extracting(a -> a.uri().toString()).contains(aor);
      assertThat(kamailio.contacts(aor)).contains(register.contactUri()).contains("Path: <sip:fl-");
      assertThat(ep.registrations().forImpu(aor)).isPresent();

      SipResponse bye = wic.nextResponseAfter(register.next(0, bearer));
      assertThat(bye.statusCode()).isEqualTo(200);
      assertThat(kamailio.contacts(aor)).doesNotContain(register.contactUri());
      await().atMost(Duration.ofSeconds(10)).until(() -> ep.registrations().forImpu(aor).isEmpty());
    }
  }

  @Test
  void aBarredImpuGets403FromKamailio() throws Exception {
    // EPC-24 with a refusing S-CSCF: the 403 reaches the WIC, nothing is registered
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(KamailioScscf.REALM, KamailioScscf.BARRED_IMPU);
      SipResponse refused = wic.nextResponseAfter(register.next(600000, bearer(MALLORY, MALLORY_PASSWORD)));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(kamailio.contacts(KamailioScscf.BARRED_IMPU)).doesNotContain(register.contactUri());
      assertThat(ep.registrations().forImpu(KamailioScscf.BARRED_IMPU)).isEmpty();
    }
  }

  @Test
  void theWicsRegSubscriptionGetsItsNotifiesAndRefreshesAlongItsRouteSet() throws Exception {
    // EPC-61, EPC-62, WIC-16, WIC-19, EPC-33: Kamailio routes the NOTIFYs by the eP-CSCF's Record-Route
    try (WsSipClient wic = connect()) {
      Subscribed dave = registerAndSubscribe(wic, "dave");
      WicRegister register = dave.register();
      Exchange first = dave.first();
      assertThat(first.response().statusCode()).as(first.response().encode()).isBetween(200, 299);
      assertThat(first.response().recordRoutes()).extracting(a -> a.uri().toString())
          .anyMatch(uri -> uri.startsWith("sip:fl-"));
      assertThat(first.notification().bodyAsString()).contains(impu("dave"));

      // A refresh in the dialog: Route from the Record-Route, Request-URI the notifier's Contact.
      Dialog dialog = Dialog.asUac(dave.subscribe(), first.response());
      SipRequest refresh = dialog.newRequest(SipRequest.SUBSCRIBE)
          .header(HeaderNames.VIA, register.newVia())
          .header(HeaderNames.CONTACT, "<" + register.contactUri() + ";transport=ws>")
          .header(HeaderNames.EVENT, "reg")
          .header(HeaderNames.ACCEPT, "application/reginfo+xml")
          .header(HeaderNames.EXPIRES, "600000")
          .build();
      long before = kamailio.acceptedRefreshes();
      Exchange second = exchange(wic, refresh);
      assertThat(second.response().statusCode()).as(second.response().encode()).isBetween(200, 299);
      assertThat(kamailio.acceptedRefreshes()).isGreaterThan(before);

      // Deregistration: its NOTIFY may come before the 200.
      assertThat(responseTo(wic, register.next(0, dave.bearer())).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theEpCscfsOwnRegSubscriptionRefreshesAreAcceptedByKamailio() throws Exception {
    // EPC-32, EPC-62: refreshes go to the remote target by the dialog's route set, not by the Service-Route
    String aor = impu("erin");
    String bearer = bearer("erin");
    RegEventSubscriptions subscriptions = epcscf.getBean(RegEventSubscriptions.class);
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(KamailioScscf.REALM, aor);
      registerWithToken(wic, register, bearer);
      long before = kamailio.acceptedRefreshes();
      await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.count() == 1); // after the 200, on the loop
      // A refused refresh ends the subscription; one Kamailio relayed to itself is not counted.
      await().atMost(Duration.ofSeconds(4 * SUBSCRIPTION_SECONDS))
          .until(() -> kamailio.acceptedRefreshes() >= before + 2 || subscriptions.count() == 0);
      assertThat(subscriptions.count()).isEqualTo(1);
      assertThat(kamailio.acceptedRefreshes()).isGreaterThanOrEqualTo(before + 2);

      assertThat(wic.nextResponseAfter(register.next(0, bearer)).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.count() == 0);
    }
  }

  @Test
  void aNetworkDeregistrationInKamailioReachesTheWic() throws Exception {
    // EPC-42, EPC-61, WIC-19, WIC-45: the operator removes the contact through Kamailio's RPC
    String aor = impu("frank");
    try (WsSipClient wic = connect()) {
      Subscribed frank = registerAndSubscribe(wic, "frank");
      assertThat(frank.first().response().statusCode()).isBetween(200, 299);

      kamailio.removeRegistration(aor);
      SipRequest terminated = awaitNotify(wic, n -> n.bodyAsString().contains("state=\"terminated\""));
      assertThat(terminated.bodyAsString()).contains("aor=\"" + aor + "\"").contains(frank.register().contactUri());
      // The eP-CSCF drops the flow's state (EPC-42).
      await().atMost(Duration.ofSeconds(10)).until(() -> ep.registrations().forImpu(aor).isEmpty());
      // Kamailio's pua_reginfo reports a removal by RPC as event="unregistered"; the client sent no
      // deregistration, so the eP-CSCF closes the flow as for any network deregistration (EPC-42, issue 13).
      assertThat(wic.awaitClose(10)).isEqualTo(1000);
    }
  }

  private record Subscribed(WicRegister register, String bearer, SipRequest subscribe, Exchange first) {
  }

  /**
   * Registers {@code user} with a token on {@code wic}, then subscribes to its reg event along the
   * Service-Route (WIC-16), as the WIC does; returns the 2xx and first NOTIFY with what made them.
   */
  private Subscribed registerAndSubscribe(WsSipClient wic, String user) throws Exception {
    WicRegister register = new WicRegister(KamailioScscf.REALM, impu(user));
    String bearer = bearer(user);
    SipResponse ok = registerWithToken(wic, register, bearer);
    SipRequest subscribe = register.regSubscribe(ok.header(HeaderNames.SERVICE_ROUTE));
    return new Subscribed(register, bearer, subscribe, exchange(wic, subscribe));
  }

  private record Exchange(SipResponse response, SipRequest notification) {
  }

  /**
   * Sends {@code request} and returns its final response and a NOTIFY in its dialog, in either order
   * (RFC 6665 §4.1.2.4: the NOTIFY may overtake the 200); the NOTIFY is answered 200.
   */
  private static Exchange exchange(WsSipClient wic, SipRequest request) throws Exception {
    wic.send(request);
    SipResponse response = null;
    SipRequest notify = null;
    List<String> seen = new ArrayList<>();
    while (response == null || notify == null) {
      SipMessage m = wic.next(15);
      assertThat(m).as("the response and a NOTIFY; had " + seen).isNotNull();
      seen.add(m.startLine());
      if (m instanceof SipResponse r && r.callId().equals(request.callId()) && r.statusCode() >= 200) {
        response = r;
        if (r.statusCode() >= 300) {
          return new Exchange(r, null);
        }
      } else if (m instanceof SipRequest n && n.callId().equals(request.callId())) {
        wic.send(SipResponse.to(n, 200, null).build());
        notify = n;
      }
    }
    return new Exchange(response, notify);
  }

  /** Sends {@code request} and returns its response, answering every NOTIFY that comes first with 200. */
  private static SipResponse responseTo(WsSipClient wic, SipRequest request) throws Exception {
    wic.send(request);
    while (true) {
      SipMessage m = wic.next(15);
      assertThat(m).as("the response to " + request.startLine()).isNotNull();
      if (m instanceof SipResponse r) {
        return r;
      }
      wic.send(SipResponse.to((SipRequest) m, 200, null).build());
    }
  }

  /** The first NOTIFY that matches {@code wanted}, answering every NOTIFY 200. */
  private static SipRequest awaitNotify(WsSipClient wic, java.util.function.Predicate<SipRequest> wanted)
      throws Exception {
    while (true) {
      SipMessage m = wic.next(15);
      assertThat(m).as("a NOTIFY").isNotNull();
      if (m instanceof SipRequest n && n.isMethod(SipRequest.NOTIFY)) {
        wic.send(SipResponse.to(n, 200, null).build());
        if (wanted.test(n)) {
          return n;
        }
      }
    }
  }
}
