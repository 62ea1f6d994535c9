package org.webims.wwsf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * Scenario 1's page {@code GET /ims} ("Sign in with IMS credentials") over real HTTPS: public, the client page's
 * hooks plus the credential inputs, the configured eP-CSCF URL and realm rendered into {@code wicStartDigest},
 * and nothing that would send the credentials to the WWSF.
 */
class ImsSignInPageOverHttpsTest {

  private static final String EPCSCF_URL = "wss://epcscf.example.org:7444/sip";
  private static final String REALM = "ims.example.org";

  @TempDir
  static Path dataDir;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard(), "--webims.wwsf.epcscf-url=" + EPCSCF_URL,
        "--webims.wwsf.realm=" + REALM, "--webims.wwsf.wic.keep-alive-interval=15s",
        "--webims.wwsf.wic.reconnect-max=2m", "--webims.wwsf.wic.trusted-authz-server=https://waf.example.org/",
        "--webims.wwsf.wic.ring-timeout=45s", "--webims.wwsf.wic.ice-servers=stun:stun.example.net:3478");
  }

  @AfterAll
  static void stop() {
    wwsf.close();
  }

  @Test
  void signedOutBrowserGetsThePageWithEveryHookWithoutSigningIn() {
    HttpResponse<String> page = wwsf.browser().get(ImsSignInController.PATH);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/ims");
    assertThat(page.body())
        .contains("<input id=\"impi\"", "<input id=\"impu\"", "<input id=\"password\" type=\"password\"")
        .contains("id=\"register\"", "id=\"deregister\"", "id=\"state\"", "data-state=\"idle\"", "id=\"impus\"",
            "<details id=\"log\"", "id=\"log-entries\"")
        .contains("Sign in with IMS credentials");
  }

  @Test
  void pageLoadsWicJsAndStartsTheDigestModeWithTheConfiguredEpcscfAndRealm() {
    String body = wwsf.browser().get(ImsSignInController.PATH).body();

    assertThat(body).contains("<script src=\"/wic/wic.js\"></script>")
        .contains("wicStartDigest(\"" + EPCSCF_URL.replace("/", "\\/") + "\", \"" + REALM + "\", {")
        .contains("<span id=\"realm\">" + REALM + "</span>")
        .doesNotContain("wicStart(\"");
    assertThat(body.indexOf("/wic/wic.js")).isLessThan(body.indexOf("wicStartDigest("));
  }

  @Test
  void theWicsTimersAndTrustedWafComeFromConfiguration() {
    // webims.wwsf.wic.*: what is set here, the WIC's defaults for the rest (docs/wic.md "Timers and trust")
    String body = wwsf.browser().get(ImsSignInController.PATH).body();

    assertThat(body).contains("{\"keepAliveInterval\":15.0,\"keepAliveTimeout\":10.0,\"reconnectBase\":2.0,"
        + "\"reconnectMax\":120.0,\"trustedAuthzServer\":\"https:\\/\\/waf.example.org\",\"ringTimeout\":45.0,"
        // issue 14: the calls' ring time and ICE servers (the browser's RTCIceServer list)
        + "\"iceGatheringTimeout\":3.0,\"iceServers\":[{\"urls\":[\"stun:stun.example.net:3478\"]}]});");
  }

  @Test
  void pageHasNoFormThatCouldSendTheCredentialsToTheServer() {
    String body = wwsf.browser().get(ImsSignInController.PATH).body();

    // Issue 12 item 9: the fields are a form for the Enter key, but one that posts nothing: no action, no method,
    // and no field has a name, so not even a submission without script could carry what was typed.
    assertThat(body).doesNotContain("action=", "method=\"post\"", "name=\"password\"", "name=\"impi\"");
  }

  @Test
  void signedOutHomePageLinksToIt() {
    HttpResponse<String> home = wwsf.browser().get("/");

    assertThat(home.body()).contains("<a id=\"ims-signin\" href=\"/ims\">Sign in with IMS credentials</a>");
    assertThat(WwsfBrowser.attribute(home.body(), "id=\"ims-signin\"", "href")).isEqualTo("/ims");
  }

  @Test
  void signedInBrowserGetsThePageToo() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    HttpResponse<String> page = browser.get(ImsSignInController.PATH);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<input id=\"password\"");
  }
}
