package org.webims.wwsf.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts the JDK's certificate authorities and, besides them, the certificate of this server's own HTTPS key
 * store: the WWSF calls the WAF's token endpoint on its own origin, whose certificate is self-signed by default.
 * The key store is read at the first handshake, after the web server has generated it.
 */
final class SelfTrustingTrustManager implements X509TrustManager {

  private final X509TrustManager jdk;
  private final Path keyStore;
  private final char[] password;
  private volatile X509TrustManager own;

  private SelfTrustingTrustManager(Path keyStore, char[] password) throws GeneralSecurityException {
    this.jdk = trustManager(null);
    this.keyStore = keyStore;
    this.password = password;
  }

  /** An SSL context for clients that call this server itself. */
  static SSLContext sslContext(Path keyStore, char[] password) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new SelfTrustingTrustManager(keyStore, password)},
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the TLS client context", e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      jdk.checkServerTrusted(chain, authType);
    } catch (CertificateException notByCa) {
      own().checkServerTrusted(chain, authType);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("client certificates are not used");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return jdk.getAcceptedIssuers();
  }

  private X509TrustManager own() throws CertificateException {
    X509TrustManager manager = own;
    if (manager == null) {
      try (InputStream in = Files.newInputStream(keyStore)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, password);
        manager = trustManager(store);
        own = manager;
      } catch (IOException | GeneralSecurityException e) {
        throw new CertificateException("cannot read this server's key store " + keyStore, e);
      }
    }
    return manager;
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X509TrustManager");
  }
}
