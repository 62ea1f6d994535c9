package org.webims.wwsf.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.webims.wwsf.config.WwsfProperties;

/**
 * Calls the IMS core's admin API ({@code webims.wwsf.ims-admin.*}, see {@code docs/ims-core.md}) for the console:
 * {@code POST /admin/registrations/{impu}/deregister?reason=} over HTTPS with HTTP Basic, and maps the answer to a
 * message for the operator.
 */
@Component
public class ImsAdminClient {

  private static final Logger log = LoggerFactory.getLogger(ImsAdminClient.class);

  /** The operator's view of one call. */
  public record Outcome(boolean deregistered, String message) {
  }

  private final WwsfProperties.ImsAdmin settings;
  private HttpClient http;
  private final AtomicLong calls = new AtomicLong();

  public ImsAdminClient(WwsfProperties properties) {
    this.settings = properties.imsAdmin();
  }

  /**
   * Built at the first call, not at the start: in {@code run.sh} the trust store is the keystore this very server
   * generates while it starts.
   */
  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(settings.timeout()).sslContext(sslContext(settings)).build();
    }
    return http;
  }

  /** Whether a URL is configured: otherwise the console shows no deregistration form. */
  public boolean enabled() {
    return settings.enabled();
  }

  /** How many calls went to the IMS core since the start. */
  public long calls() {
    return calls.get();
  }

  /** Deregisters {@code impu} from the network side with {@code reason} ({@code deactivated} or {@code rejected}). */
  public Outcome deregister(String impu, String reason) {
    if (!enabled()) {
      return new Outcome(false, "No IMS core admin API is configured");
    }
    String base = settings.url().endsWith("/")
        ? settings.url().substring(0, settings.url().length() - 1) : settings.url();
    URI uri = URI.create(base + "/admin/registrations/"
        + URLEncoder.encode(impu, StandardCharsets.UTF_8).replace("+", "%20")
        + "/deregister?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    calls.incrementAndGet();
    int status;
    try {
      status = http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      log.warn("IMS core admin API at {} unreachable: {}", base, e.toString());
      return new Outcome(false, "The IMS core's admin API is unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "The IMS core's admin API is unreachable");
    }
    log.info("IMS core admin API answered {} to the {} deregistration of {}", status, reason, impu);
    return switch (status) {
      case 200, 204 -> new Outcome(true, "Deregistered " + impu + " (" + reason + ")");
      case 404 -> new Outcome(false, impu + " is not registered");
      case 401, 403 -> new Outcome(false, "The IMS core refused the console's credentials");
      default -> new Outcome(false, "The IMS core answered " + status + " to the deregistration of " + impu);
    };
  }

  private static SSLContext sslContext(WwsfProperties.ImsAdmin settings) {
    try {
      if (settings.trustStore() == null || settings.trustStore().isBlank()) {
        return SSLContext.getDefault();
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(Path.of(settings.trustStore()))) {
        trust.load(in, settings.trustStorePassword().toCharArray());
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("webims.wwsf.ims-admin.trust-store " + settings.trustStore()
          + " cannot be read", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("webims.wwsf.ims-admin.trust-store " + settings.trustStore()
          + " is no usable PKCS#12 trust store", e);
    }
  }
}
