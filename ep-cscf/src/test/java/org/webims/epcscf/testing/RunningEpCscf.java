package org.webims.epcscf.testing;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.EpCscf;
import org.webims.epcscf.EpCscfApplication;

/**
 * An eP-CSCF on ephemeral ports over WSS, with a WAF JWKS and a fake S-CSCF on TCP, for the socket
 * tests; {@code extraArgs} are more command-line properties.
 */
public final class RunningEpCscf implements AutoCloseable {

  public final JwksServer jwks;
  public final FakeScscf scscf;
  public final ConfigurableApplicationContext context;
  public final EpCscf epcscf;
  public final HttpClient http;

  private RunningEpCscf(Path dir, RSAKey wafKey, String... extraArgs) throws Exception {
    jwks = new JwksServer(TestTokens.publicSet(wafKey));
    scscf = FakeScscf.tcp();
    Path keyStore = dir.resolve("ep-cscf-tls.p12");
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--webims.tls.key-store=" + keyStore,
        "--webims.epcscf.core.port=0",
        "--webims.epcscf.core.uri=" + scscf.uri(),
        "--webims.epcscf.token.jwks-uri=" + jwks.uri()));
    args.addAll(List.of(extraArgs));
    context = EpCscfApplication.builder().run(args.toArray(new String[0]));
    epcscf = context.getBean(EpCscf.class);
    http = WsClient.httpClient(keyStore, "webims-dev-only");
  }

  public static RunningEpCscf start(Path dir, RSAKey wafKey, String... extraArgs) throws Exception {
    return new RunningEpCscf(dir, wafKey, extraArgs);
  }

  @Override
  public void close() throws Exception {
    context.close();
    scscf.close();
    jwks.close();
  }
}
