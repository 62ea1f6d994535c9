package org.webims.epcscf.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.metrics.EpCscfMetrics;

/**
 * The WAF's JSON Web Key Set (WAF-07) as a Nimbus key source: cached for
 * {@code jwks-cache-ttl}, fetched again when a token names an unknown {@code kid}, and at most
 * twice per {@code jwks-min-refresh-interval} (Nimbus {@code RateLimitedJWKSetSource}), so forged
 * {@code kid}s cannot make the eP-CSCF hammer the WAF. A trust store lets it reach a WAF with a
 * self-signed certificate.
 */
public final class WafJwks {

  private static final int SIZE_LIMIT = 256 * 1024;

  private WafJwks() {
  }

  /** @param metrics counts every fetch by outcome (issue 16) */
  public static JWKSource<SecurityContext> source(EpCscfProperties.Token config, EpCscfMetrics metrics) {
    int timeout = (int) config.jwksTimeout().toMillis();
    DefaultResourceRetriever http =
        new DefaultResourceRetriever(timeout, timeout, SIZE_LIMIT, true, socketFactory(config));
    ResourceRetriever retriever = url -> {
      try {
        Resource fetched = http.retrieveResource(url);
        metrics.jwksFetched(true);
        return fetched;
      } catch (IOException | RuntimeException e) {
        metrics.jwksFetched(false);
        throw e;
      }
    };
    try {
      return JWKSourceBuilder.<SecurityContext>create(config.jwksUri().toURL(), retriever)
          .cache(config.jwksCacheTtl().toMillis(), timeout)
          .refreshAheadCache(false)
          .rateLimited(config.jwksMinRefreshInterval().toMillis())
          .retrying(false)
          .outageTolerant(false)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("webims.epcscf.token.jwks-uri is not a URL", e);
    }
  }

  private static SSLSocketFactory socketFactory(EpCscfProperties.Token config) {
    SSLContext ssl = sslContext(config);
    return ssl == null ? null : ssl.getSocketFactory();
  }

  /**
   * TLS toward the WAF (its JWKS here, its lease endpoint for EPC-28): trusting the configured
   * {@code trust-store}, or null for the JDK's default trust when none is set.
   */
  public static SSLContext sslContext(EpCscfProperties.Token config) {
    if (config.trustStore() == null || config.trustStore().isBlank()) {
      return null;
    }
    try (InputStream in = Files.newInputStream(Path.of(config.trustStore()))) {
      KeyStore store = KeyStore.getInstance(config.trustStoreType());
      char[] password = config.trustStorePassword() == null ? null : config.trustStorePassword().toCharArray();
      store.load(in, password);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load webims.epcscf.token.trust-store " + config.trustStore(), e);
    }
  }
}
