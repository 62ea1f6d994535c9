package org.webims.wwsf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.ImsCoreApplication;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.ims.testing.SipPeer;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.waf.audit.AuditEntry;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.provisioning.PageRequest;
import org.webims.waf.testing.TestSeedFile;
import org.springframework.util.unit.DataSize;
import org.webims.wwsf.config.WwsfProperties;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * The console's network deregistration (issue 7 item 3) against a real IMS core in-process with its admin API over
 * HTTPS: the operator deregisters a registered IMPU, an unregistered one is reported as such, a malformed IMPU
 * never leaves the WWSF, and only operators with a CSRF token may POST.
 */
class ConsoleDeregistrationOverHttpsTest {

  static final String ADMIN_PASSWORD = "console-admin-test-pw";

  @TempDir
  static Path imsDir;
  @TempDir
  static Path wwsfDir;
  static ConfigurableApplicationContext ims;
  static WwsfTestServer wwsf;
  static String adminUrl;
  static Path imsKeyStore;

  @BeforeAll
  static void start() throws Exception {
    Path subscribers = Files.writeString(imsDir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);
    Path keyStore = imsDir.resolve("ims-tls.p12");
    ims = ImsCoreApplication.builder().properties(
        "webims.ims.sip.port=0",
        "webims.ims.subscribers-file=" + subscribers,
        "webims.ims.admin.enabled=true",
        "webims.ims.admin.port=0",
        "webims.ims.admin.password=" + ADMIN_PASSWORD,
        "webims.tls.key-store=" + keyStore,
        // This module's test classpath holds Spring Security and the WAF's OAuth servers: the IMS core's builder
        // keeps their auto-configuration out, so no default login stands in front of the admin API.
        "spring.datasource.url=jdbc:h2:mem:ims-console-deregistration;DB_CLOSE_DELAY=-1").run();
    imsKeyStore = keyStore;
    adminUrl = "https://127.0.0.1:" + ims.getEnvironment().getProperty("local.server.port");
    wwsf = WwsfTestServer.start(wwsfDir, TestSeedFile.standard().operator(),
        "--webims.wwsf.ims-admin.url=" + adminUrl,
        "--webims.wwsf.ims-admin.password=" + ADMIN_PASSWORD,
        "--webims.wwsf.ims-admin.trust-store=" + keyStore,
        "--webims.wwsf.ims-admin.trust-store-password=webims-dev-only");
  }

  @AfterAll
  static void stop() {
    if (wwsf != null) {
      wwsf.close();
    }
    if (ims != null) {
      ims.close();
    }
  }

  static HttpResponse<String> deregister(WwsfBrowser browser, String impu, String reason) {
    String console = browser.get("/console").body();
    String csrf = WwsfBrowser.attribute(console.substring(console.indexOf("id=\"deregister\"")),
        "name=\"_csrf\"", "value");
    return browser.postForm("/console/network-deregistration", Map.of("_csrf", csrf, "impu", impu, "reason", reason));
  }

  /** Submits the form and confirms (issue 12 item 9). */
  static HttpResponse<String> deregisterConfirmed(WwsfBrowser browser, String impu, String reason) {
    HttpResponse<String> asked = deregister(browser, impu, reason);
    assertThat(asked.body()).contains("id=\"confirm-question\"");
    return browser.confirm(asked);
  }

  static long calls() {
    return wwsf.context().getBean(ImsAdminClient.class).calls();
  }

  @Test
  void operatorDeregistersARegisteredImpuAndTheBindingIsGone() throws Exception {
    ScscfSipService sip = ims.getBean(ScscfSipService.class);
    Registrar registrar = ims.getBean(Registrar.class);
    try (SipPeer epcscf = new SipPeer("TCP", sip.tcpAddress())) {
      String path = "<" + epcscf.uri("fl-console", ";lr;ob") + ">";
      epcscf.send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.PATH, path).build());
      SipResponse registered = nextResponse(epcscf);
      assertThat(registered.statusCode()).isEqualTo(200);
      assertThat(registrar.bindings(TestSubscribers.ALICE_SIP)).isNotEmpty();
      WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);

      HttpResponse<String> page = deregisterConfirmed(operator, TestSubscribers.ALICE_SIP, "deactivated");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.uri().getPath()).isEqualTo("/console");
      assertThat(page.body()).contains("id=\"deregistration-result\"",
          "Deregistered " + TestSubscribers.ALICE_SIP + " (deactivated)");
      assertThat(registrar.bindings(TestSubscribers.ALICE_SIP)).isEmpty();
      // The flash message is shown once only.
      assertThat(operator.get("/console").body()).doesNotContain("id=\"deregistration-result\"");
    }
  }

  /**
   * Issue 12 item 9: a network deregistration asks first and calls the IMS core only when confirmed; each call is
   * in the audit log with who, the IMPU, the reason and the outcome.
   */
  @Test
  void theDeregistrationAsksFirstAndEachCallIsAudited() {
    WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
    long before = calls();
    long audit = auditEntries();

    HttpResponse<String> asked = deregister(operator, "sip:audited@ims.example.net", "rejected");

    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("id=\"confirm-question\"",
        "Deregister sip:audited@ims.example.net from the network (rejected)?");
    assertThat(calls()).isEqualTo(before);
    assertThat(auditEntries()).isEqualTo(audit);

    HttpResponse<String> done = operator.confirm(asked);

    assertThat(done.body()).contains("sip:audited@ims.example.net is not registered");
    assertThat(calls()).isEqualTo(before + 1);
    assertThat(auditEntries()).isEqualTo(audit + 1);
    AuditEntry entry = wwsf.context().getBean(AuditLog.class).page(new PageRequest(0, 1)).items().get(0);
    assertThat(entry.actor()).isEqualTo(TestSeedFile.OPERATOR);
    assertThat(entry.action()).isEqualTo(AuditLog.REGISTRATION_DEREGISTER);
    assertThat(entry.target()).isEqualTo("sip:audited@ims.example.net");
    assertThat(entry.detail()).contains("rejected", "is not registered");
  }

  static long auditEntries() {
    return wwsf.context().getBean(AuditLog.class).page(new PageRequest(0, 1)).total();
  }

  @Test
  void anUnregisteredImpuIsReportedAsNotRegistered() {
    WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);

    HttpResponse<String> page = deregisterConfirmed(operator, "sip:nobody@ims.example.net", "rejected");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("sip:nobody@ims.example.net is not registered")
        .doesNotContain("Deregistered");
  }

  @Test
  void aMalformedImpuGetsAFieldMessageAndNothingIsSent() {
    WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
    long before = calls();

    HttpResponse<String> page = deregister(operator, "alice at example", "deactivated");
    HttpResponse<String> http = deregister(operator, "https://ims.example.net/alice", "deactivated");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"impu-error\"", "alice at example: not a valid SIP or TEL URI")
        .doesNotContain("id=\"deregistration-result\"");
    assertThat(http.body()).contains("id=\"impu-error\"");
    assertThat(calls()).isEqualTo(before);
  }

  @Test
  void theFormIsOnTheConsoleWithBothReasons() {
    WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);

    assertThat(operator.get("/console").body()).contains("id=\"deregister\"",
        "action=\"/console/network-deregistration\"", "value=\"deactivated\"", "value=\"rejected\"");
  }

  @Test
  void aWebUserWhoIsNoOperatorGets403() {
    WwsfBrowser alice = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    String home = alice.get("/").body();
    String csrf = WwsfBrowser.attribute(home, "name=\"_csrf\"", "value");
    long before = calls();

    HttpResponse<String> denied = alice.postForm("/console/network-deregistration",
        Map.of("_csrf", csrf, "impu", TestSubscribers.ALICE_SIP, "reason", "rejected"));

    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(calls()).isEqualTo(before);
  }

  @Test
  void withoutCsrfTokenTheOperatorGets403() {
    WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
    long before = calls();

    HttpResponse<String> denied = operator.postWithoutCsrf("/console/network-deregistration");

    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(calls()).isEqualTo(before);
  }

  static ImsAdminClient client(String url, String password) {
    return new ImsAdminClient(new WwsfProperties("wss://localhost:7443", "ims.example.net", Duration.ofSeconds(30),
        new WwsfProperties.Console(20, List.of(), Duration.ofSeconds(2), Duration.ofSeconds(5),
            DataSize.ofMegabytes(1)),
        new WwsfProperties.ImsAdmin(url, "admin", password, imsKeyStore.toString(),
            "webims-dev-only", Duration.ofSeconds(5)), new WwsfProperties.Wic(Duration.ofSeconds(20),
        Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(60), "", Duration.ofSeconds(60), List.of(), "",
        "", Duration.ofSeconds(3))));
  }

  @Test
  void wrongCredentialsAndAnUnreachableApiGetTheirOwnMessages() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThat(client(adminUrl, "guess").deregister(TestSubscribers.ALICE_SIP, "rejected").message())
        .isEqualTo("The IMS core refused the console's credentials");
    assertThat(client("https://127.0.0.1:" + closedPort, ADMIN_PASSWORD)
        .deregister(TestSubscribers.ALICE_SIP, "rejected").message())
        .isEqualTo("The IMS core's admin API is unreachable");
  }

  static SipResponse nextResponse(SipPeer peer) throws Exception {
    while (true) {
      SipPeer.Received r = peer.receive();
      if (!r.message().isRequest()) {
        return (SipResponse) r.message();
      }
      r.reply(SipResponse.to((SipRequest) r.message(), 200, null).build());
    }
  }
}
