package org.webims.wwsf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import org.webims.wwsf.testing.Json;
import org.webims.wwsf.testing.WwsfBrowser;

/** {@code WwsfApplication.builder()} started in-process on port 0, HTTPS by default (WAF-01). */
class WwsfApplicationTest {

  @TempDir
  Path dataDir;

  @Test
  void startsOnAFreePortForPortZeroAndTheWafIssuerAndSignInFollowIt() {
    Path seed = TestSeedFile.standard().writeTo(dataDir.resolve("seed.yml"));
    Path keyStore = dataDir.resolve("wwsf-tls.p12");
    try (ConfigurableApplicationContext context = WwsfApplication.builder().run(
        "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("wwsf"),
        "--webims.tls.key-store=" + keyStore, "--webims.waf.seed-file=" + seed)) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      URI baseUrl = URI.create("https://localhost:" + port);

      assertThat(port).isPositive();
      assertThat(context.getEnvironment().getProperty("local.server.port")).isEqualTo(String.valueOf(port));
      WwsfBrowser browser = new WwsfBrowser(baseUrl, keyStore, WafTestServer.KEY_STORE_PASSWORD.toCharArray());
      HttpResponse<String> metadata = browser.getJson("/.well-known/oauth-authorization-server");
      assertThat(Json.parse(metadata.body()).get("issuer").asString()).isEqualTo(baseUrl.toString());
      HttpResponse<String> page = browser.signIn(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
      assertThat(page.body()).contains("id=\"register\"", TestSeedFile.ALICE_IMPI);
    }
  }
}
