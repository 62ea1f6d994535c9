package org.webims.e2e.support;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.EpCscfApplication;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.waf.testing.WafTestServer;

/** An eP-CSCF for system tests in front of an in-process IMS core, trusting the tokens of a test WAF. */
public final class TokenEpCscf {

  private TokenEpCscf() {
  }

  /**
   * Starts an eP-CSCF on free ports whose core-side socket is on {@code coreAddress}, its TLS key store
   * at {@code keyStore}, with {@code more} {@code --name=value} arguments.
   */
  public static ConfigurableApplicationContext start(ConfigurableApplicationContext ims, WafTestServer waf,
      String coreAddress, Path keyStore, String... more) {
    InetSocketAddress core = ims.getBean(ScscfSipService.class).tcpAddress();
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--webims.epcscf.core.port=0",
        "--webims.epcscf.core.bind-address=" + coreAddress,
        "--webims.tls.key-store=" + keyStore,
        "--webims.epcscf.core.uri=sip:127.0.0.1:" + core.getPort() + ";transport=tcp",
        "--webims.epcscf.token.issuer=" + waf.issuer(),
        "--webims.epcscf.token.jwks-uri=" + waf.jwksUri(),
        "--webims.epcscf.token.trust-store=" + waf.tlsKeyStore(),
        "--webims.epcscf.token.trust-store-password=" + WafTestServer.KEY_STORE_PASSWORD,
        "--webims.epcscf.lease-release.client-secret=" + WafTestServer.EPCSCF_CLIENT_SECRET));
    args.addAll(List.of(more));
    return EpCscfApplication.builder().run(args.toArray(String[]::new));
  }
}
