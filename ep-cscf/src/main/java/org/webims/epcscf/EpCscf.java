package org.webims.epcscf;

import java.net.InetSocketAddress;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.webims.epcscf.core.SipServerCore;
import org.webims.epcscf.lease.ImpuLeaseRelease;
import org.webims.epcscf.registration.Registrations;
import org.webims.epcscf.registration.TlsAssociations;
import org.webims.epcscf.token.AccessTokenValidator;

/**
 * The running eP-CSCF as seen by tests and by modules that start it in-process: its bound ports
 * (0 in configuration means ephemeral) and its registration state.
 */
public final class EpCscf {

  private final WebServerApplicationContext context;
  private final SipServerCore core;
  private final Registrations registrations;
  private final TlsAssociations associations;
  private final AccessTokenValidator tokens;
  private final ImpuLeaseRelease leaseRelease;
  private final boolean tls;
  private final String path;

  public EpCscf(WebServerApplicationContext context, SipServerCore core, Registrations registrations,
      TlsAssociations associations, AccessTokenValidator tokens, ImpuLeaseRelease leaseRelease, boolean tls,
      String path) {
    this.leaseRelease = leaseRelease;
    this.associations = associations;
    this.context = context;
    this.core = core;
    this.registrations = registrations;
    this.tokens = tokens;
    this.tls = tls;
    this.path = path;
  }

  /** The bound WebSocket (HTTP) port. */
  public int webSocketPort() {
    return context.getWebServer().getPort();
  }

  /** {@code wss://localhost:<port>/}, or {@code ws://} when TLS is off. */
  public URI webSocketUri() {
    return URI.create((tls ? "wss" : "ws") + "://localhost:" + webSocketPort() + path);
  }

  /** The Mw side's SIP address (UDP and TCP share the port). */
  public InetSocketAddress coreAddress() {
    return core.address();
  }

  public Registrations registrations() {
    return registrations;
  }

  /** Scenario 1's TLS associations (EPC-14): one per flow that registered with SIP Digest. */
  public TlsAssociations tlsAssociations() {
    return associations;
  }

  /** Scenario 3's lease release toward the WAF (EPC-28). */
  public ImpuLeaseRelease leaseRelease() {
    return leaseRelease;
  }

  /** The token validator (for example its signature-check count). */
  public AccessTokenValidator tokens() {
    return tokens;
  }
}
