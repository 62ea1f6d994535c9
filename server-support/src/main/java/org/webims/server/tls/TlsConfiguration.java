package org.webims.server.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns on HTTPS (and so WSS) for a WebIMS web server by default (WAF-01, EPC-02): the keystore of
 * {@link TlsProperties}, generated self-signed on first start when missing. Import it into the
 * application's configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
public class TlsConfiguration {

  @Bean
  WebServerFactoryCustomizer<ConfigurableWebServerFactory> webimsTls(TlsProperties tls,
      @Value("${spring.application.name:webims}") String applicationName) {
    return factory -> {
      if (!tls.enabled()) {
        return;
      }
      Path keyStore = keyStorePath(tls, applicationName);
      try {
        if (!Files.isRegularFile(keyStore)) {
          if (!tls.selfSigned()) {
            throw new IllegalStateException("webims.tls.key-store " + keyStore.toAbsolutePath()
                + " does not exist and webims.tls.self-signed is false");
          }
          SelfSignedKeystore.ensure(keyStore, tls.keyStorePassword(), tls.keyAlias(), tls.names());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Ssl ssl = new Ssl();
      ssl.setEnabled(true);
      ssl.setKeyStore(keyStore.toAbsolutePath().toUri().toString());
      ssl.setKeyStoreType("PKCS12");
      ssl.setKeyStorePassword(tls.keyStorePassword());
      ssl.setKeyAlias(tls.keyAlias());
      factory.setSsl(ssl);
    };
  }

  /** The keystore a server uses: the configured one, or {@code ./data/<application>-tls.p12}. */
  public static Path keyStorePath(TlsProperties tls, String applicationName) {
    return tls.keyStore().isBlank() ? Path.of("data", applicationName + "-tls.p12") : Path.of(tls.keyStore());
  }
}
