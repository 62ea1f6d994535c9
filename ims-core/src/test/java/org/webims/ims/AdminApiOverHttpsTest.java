package org.webims.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webims.server.testing.ProblemAssert.assertProblem;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.ims.testing.ReginfoBodies;
import org.webims.ims.testing.SipPeer;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.ims.testing.TestSubscribes;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.RegInfo;

/**
 * The admin API over HTTPS with HTTP Basic (SCS-12): 401 without or with wrong credentials, the
 * bindings as JSON, 400 for a bad reason, 404 for an unregistered IMPU, and a {@code deactivated}
 * deregistration that NOTIFYs the eP-CSCF's reg subscription over TCP.
 */
class AdminApiOverHttpsTest {

  static final String PASSWORD = "admin-test-pw";

  @TempDir
  static Path dir;

  static ConfigurableApplicationContext ims;
  static HttpClient http;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);
    Path keyStore = dir.resolve("ims-tls.p12");
    ims = ImsCoreApplication.builder().properties(
        "webims.ims.sip.port=0",
        "webims.ims.subscribers-file=" + subscribers,
        "webims.ims.admin.enabled=true",
        "webims.ims.admin.port=0",
        "webims.ims.admin.password=" + PASSWORD,
        "webims.tls.key-store=" + keyStore,
        "spring.datasource.url=jdbc:h2:mem:ims-admin;DB_CLOSE_DELAY=-1").run();
    base = "https://127.0.0.1:" + ims.getEnvironment().getProperty("local.server.port");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      trust.load(in, "webims-dev-only".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(tls).build();
  }

  @AfterAll
  static void stop() {
    ims.close();
  }

  static String path(String impu) {
    return "/admin/registrations/" + URLEncoder.encode(impu, StandardCharsets.UTF_8).replace("+", "%2B");
  }

  static HttpResponse<String> call(String method, String path, String user, String password) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> admin(String method, String path) throws Exception {
    return call(method, path, "admin", PASSWORD);
  }

  static SipRequest nextRequest(SipPeer peer) throws Exception {
    while (true) {
      SipPeer.Received r = peer.receive();
      if (r.message().isRequest()) {
        r.reply(SipResponse.to((SipRequest) r.message(), 200, null).build());
        return (SipRequest) r.message();
      }
    }
  }

  static SipResponse nextResponse(SipPeer peer, List<SipMessage> skipped) throws Exception {
    while (true) {
      SipPeer.Received r = peer.receive();
      if (!r.message().isRequest()) {
        return (SipResponse) r.message();
      }
      r.reply(SipResponse.to((SipRequest) r.message(), 200, null).build());
      skipped.add(r.message());
    }
  }

  @Test
  void withoutOrWithWrongCredentialsTheApiAnswers401WithABasicChallenge() throws Exception {
    HttpResponse<String> none = call("GET", path(TestSubscribers.ALICE_SIP), null, null);
    HttpResponse<String> wrong = call("POST", path(TestSubscribers.ALICE_SIP) + "/deregister?reason=rejected",
        "admin", "guess");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
    assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void anUnregisteredImpuIs404AndABadReasonIs400() throws Exception {
    HttpResponse<String> unknown = admin("GET", path("sip:nobody@ims.example.net"));
    HttpResponse<String> unknownPost =
        admin("POST", path("sip:nobody@ims.example.net") + "/deregister?reason=rejected");
    HttpResponse<String> bad = admin("POST", path(TestSubscribers.ALICE_SIP) + "/deregister?reason=bored");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknownPost.statusCode()).isEqualTo(404);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("application/problem+json"));
    assertThat(bad.body()).contains("deactivated or rejected");
  }

  @Test
  void scs12DeactivatedFromTheAdminApiNotifiesTheSubscriberAndRemovesTheBindings() throws Exception {
    ScscfSipService sip = ims.getBean(ScscfSipService.class);
    try (SipPeer epcscf = new SipPeer("TCP", sip.tcpAddress())) {
      String path = "<" + epcscf.uri("fl-admin", ";lr;ob") + ">";
      epcscf.send(TestRegisters.alice("TCP", 1).setHeader(HeaderNames.PATH, path).build());
      assertThat(nextResponse(epcscf, new ArrayList<>()).statusCode()).isEqualTo(200);
      epcscf.send(TestSubscribes.fromEpcscf(TestSubscribers.ALICE_SIP, epcscf.uri("epcscf", ""), "TCP", 1, 600000)
          .build());
      List<SipMessage> skipped = new ArrayList<>();
      assertThat(nextResponse(epcscf, skipped).statusCode()).isEqualTo(200);
      if (skipped.isEmpty()) {
        nextRequest(epcscf); // the full NOTIFY, version 0
      }

      HttpResponse<String> view = admin("GET", path(TestSubscribers.ALICE_TEL));
      assertThat(view.statusCode()).isEqualTo(200);
      assertThat(view.body()).contains(TestRegisters.CONTACT_URI).contains("fl-admin");

      HttpResponse<String> done = admin("POST", path(TestSubscribers.ALICE_TEL) + "/deregister?reason=deactivated");

      assertThat(done.statusCode()).isEqualTo(200);
      SipRequest notify = nextRequest(epcscf);
      assertThat(notify.subscriptionState().isTerminated()).isTrue();
      RegInfo info = ReginfoBodies.read(notify.body());
      assertThat(info.version()).isEqualTo(1);
      assertThat(info.registration(TestSubscribers.ALICE_SIP).state()).isEqualTo("terminated");
      assertThat(info.registration(TestSubscribers.ALICE_SIP).contacts()).singleElement()
          .satisfies(c -> assertThat(c.event()).isEqualTo("deactivated"));
      assertThat(ims.getBean(Registrar.class).bindings(TestSubscribers.ALICE_SIP)).isEmpty();
    }
  }

  @Test
  void theAdminApiRefusesToStartWithoutAPassword() {
    assertThatThrownBy(() -> ImsCoreApplication.builder().properties(
        "webims.ims.sip.port=0",
        "webims.ims.admin.enabled=true",
        "webims.ims.admin.port=0",
        "webims.tls.key-store=" + dir.resolve("other.p12"),
        "spring.datasource.url=jdbc:h2:mem:ims-admin-nopw;DB_CLOSE_DELAY=-1").run().close())
        .hasStackTraceContaining("webims.ims.admin.password is required");
  }

  @Test
  void unknownPathsWrongMethodsAndTheErrorPathAreProblems() throws Exception {
    assertProblem(admin("GET", "/admin/nosuch"), 404, "Not Found");
    assertProblem(admin("GET", "/error"), 404, "Not Found");
    HttpResponse<String> wrongMethod = admin("DELETE", path(TestSubscribers.ALICE_SIP));
    assertProblem(wrongMethod, 405, "Method Not Allowed");
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
  }
}
