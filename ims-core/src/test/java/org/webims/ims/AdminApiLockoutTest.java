package org.webims.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.testing.TestSubscribers;

/**
 * SCS-12 abuse resistance: wrong admin passwords from one source are throttled by the shared lockout; once
 * locked, even the right password gets 429 with Retry-After and an RFC 9457 problem saying how long to wait.
 */
class AdminApiLockoutTest {

  @TempDir
  Path dir;

  @Test
  void locksOutASourceAfterTooManyWrongPasswords_SCS12() throws Exception {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);
    Path keyStore = dir.resolve("ims-tls.p12");
    try (ConfigurableApplicationContext ims = ImsCoreApplication.builder().properties(
        "webims.ims.sip.port=0",
        "webims.ims.subscribers-file=" + subscribers,
        "webims.ims.admin.enabled=true",
        "webims.ims.admin.port=0",
        "webims.ims.admin.password=right-pw",
        "webims.ims.admin.lockout.max-failures=3",
        "webims.ims.admin.lockout.window=10m",
        "webims.tls.key-store=" + keyStore,
        "spring.datasource.url=jdbc:h2:mem:ims-admin-lockout;DB_CLOSE_DELAY=-1").run()) {
      String base = "https://127.0.0.1:" + ims.getEnvironment().getProperty("local.server.port");
      HttpClient http = HttpClient.newBuilder().sslContext(trusting(keyStore)).build();

      for (int i = 0; i < 3; i++) {
        assertThat(get(http, base, "wrong-" + i).statusCode()).isEqualTo(401);
      }
      HttpResponse<String> locked = get(http, base, "right-pw");

      assertThat(locked.statusCode()).isEqualTo(429);
      long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 600L);
      assertThat(locked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(locked.body()).contains("\"status\":429").contains("Try again in 10 minutes");
    }
  }

  private static HttpResponse<String> get(HttpClient http, String base, String password) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/admin/registrations/sip%3Aalice%40ims.example.net"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("admin:" + password).getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trusting(Path keyStore) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      trust.load(in, "webims-dev-only".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }
}
