package org.webims.epcscf.config;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.webims.epcscf.EpCscf;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.SipServerCore;
import org.webims.epcscf.lease.ImpuLeaseRelease;
import org.webims.epcscf.lease.LeaseCheck;
import org.webims.epcscf.lease.WafLeaseClient;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.regevent.NetworkDeregistrationClose;
import org.webims.epcscf.regevent.RegEventSubscriptions;
import org.webims.epcscf.registration.OriginatingRequests;
import org.webims.epcscf.registration.Registrations;
import org.webims.epcscf.registration.SipDigestWithTls;
import org.webims.epcscf.registration.TlsAssociations;
import org.webims.epcscf.registration.TrustedNodeAuthentication;
import org.webims.epcscf.registration.TrustedNodeRegister;
import org.webims.epcscf.registration.WicRequests;
import org.webims.epcscf.terminating.PathRequests;
import org.webims.epcscf.token.AccessTokenValidator;
import org.webims.epcscf.token.ReleasedLeases;
import org.webims.epcscf.token.WafJwks;
import org.webims.epcscf.websocket.WicFlows;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.events.EventLog;
import org.webims.server.tls.TlsConfiguration;
import org.webims.server.tls.TlsProperties;
import org.webims.sip.parser.ParseLimits;
import org.webims.sip.parser.SipParser;
import org.webims.sip.server.transport.SipServerConfig;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.uri.SipUri;

/**
 * Wires the layers bottom-up: core sockets and transactions, token validation, the Trusted Node
 * logic; the WebSocket edge is {@link WssEdgeConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EpCscfProperties.class)
@Import({TlsConfiguration.class, WssEdgeConfiguration.class, OperationsConfiguration.class, MediaConfiguration.class})
public class EpCscfConfiguration {

  /** Issue 12: the reason of the 502 a client gets when the core's answer to its request cannot be used. */
  static final String BAD_CORE_RESPONSE = "Bad response from the IMS core";

  @Bean
  Clock epcscfClock() {
    return Clock.systemUTC();
  }

  @Bean
  SipParser epcscfParser(EpCscfProperties props) {
    return new SipParser(ParseLimits.builder().maxMessageBytes(props.websocket().maxMessageSize()).build());
  }

  /** The Mw side's transports (sip-server, Netty event loops); bound when the proxy that receives is made. */
  @Bean(destroyMethod = "close")
  SipServerCore epcscfCoreNetwork(EpCscfProperties props) throws IOException {
    EpCscfProperties.Core core = props.core();
    return new SipServerCore(SipServerConfig.builder().bindAddress(core.bindAddress()).port(core.port())
        .eventLoops(core.eventLoops()).idleTimeout(core.idleTimeout()).connectTimeout(core.connectTimeout())
        .maxConnections(core.maxConnections()).badResponseReason(BAD_CORE_RESPONSE).build());
  }

  /** With its gauges (issue 16): read from the scrape's thread, never on the loop. */
  @Bean
  CoreProxy epcscfCoreProxy(EpCscfProperties props, SipServerCore network, EpCscfMetrics metrics, EventLog events)
      throws Exception {
    SipUri uri = SipUri.parse(props.core().uri());
    CoreProxy proxy = new CoreProxy(network, CoreProxy.CoreHop.of(uri, props.core().host(), props.core().port()),
        TransactionTimers.builder().t1(props.core().t1().toMillis())
            .t2(Math.max(TransactionTimers.DEFAULT_T2, props.core().t1().toMillis())).build(),
        props.calls().maxDialogsPerFlow(), metrics, events);
    metrics.gauge(EpCscfMetrics.DIALOGS, "Confirmed INVITE dialogs (calls) on WIC flows now (EPC-66)",
        proxy::dialogs);
    metrics.gauge(EpCscfMetrics.CALLS, "Calls being set up or established on WIC flows now", proxy::calls);
    metrics.gauge(EpCscfMetrics.TRANSACTIONS_INUSE, "SIP transactions of the proxy core in use now",
        proxy::transactions);
    network.start(proxy::onMessage);
    return proxy;
  }

  @Bean
  ReleasedLeases epcscfReleasedLeases(EpCscfProperties props) {
    return new ReleasedLeases(props.leaseRelease().rememberedMax());
  }

  /** The WAF's key set (WAF-07), shared by the validator and the readiness check. */
  @Bean
  JWKSource<SecurityContext> epcscfJwks(EpCscfProperties props, EpCscfMetrics metrics) {
    return WafJwks.source(props.token(), metrics);
  }

  @Bean
  AccessTokenValidator epcscfTokenValidator(EpCscfProperties props, Clock clock, ReleasedLeases released,
      JWKSource<SecurityContext> epcscfJwks, EpCscfMetrics metrics) {
    return new AccessTokenValidator(props.token(), epcscfJwks, clock, released, metrics);
  }

  /**
   * EPC-28: asks the WAF whether a token's pool lease is live, with the client that releases leases; off when no
   * client secret is configured.
   */
  @Bean(destroyMethod = "close")
  LeaseCheck epcscfLeaseCheck(EpCscfProperties props, ReleasedLeases released, Clock clock) {
    EpCscfProperties.LeaseRelease config = props.leaseRelease();
    WafLeaseClient waf = config.enabled()
        ? new WafLeaseClient(config, props.token().issuer(), WafJwks.sslContext(props.token()), clock) : null;
    return new LeaseCheck(waf, released, config, clock);
  }

  /** EPC-28: releases scenario-3 pool leases at the WAF; listens only when a client secret is configured. */
  @Bean(destroyMethod = "close")
  ImpuLeaseRelease epcscfLeaseRelease(EpCscfProperties props, Registrations registrations,
      ReleasedLeases released, LeaseCheck check, Clock clock) {
    WafLeaseClient waf = check.waf();
    ImpuLeaseRelease release = new ImpuLeaseRelease(waf, registrations, released, props.leaseRelease(), clock);
    if (waf != null) {
      registrations.listen(release);
    }
    return release;
  }

  /** Registration state per flow; registrations and deregistrations are events, this node named by its Mw address. */
  @Bean
  Registrations epcscfRegistrations(EventLog events, EpCscfProperties props) {
    return new Registrations(events, props.core().host() + ":" + props.core().port());
  }

  @Bean
  TlsAssociations epcscfTlsAssociations() {
    return new TlsAssociations();
  }

  /**
   * Scenario 2 (Bearer, Trusted Node), scenario 1 (Digest, unless {@code digest.enabled=false}) and
   * other requests share one REGISTER rewrite.
   */
  @Bean
  WicRequests epcscfWicRequests(EpCscfProperties props, AccessTokenValidator validator, CoreProxy proxy,
      Registrations registrations, TlsAssociations associations, Clock clock, PathRequests pathRequests,
      LeaseCheck leases, @Qualifier("epcscfOffload") ExecutorService offload, EventLog events) {
    TrustedNodeRegister rewrite = new TrustedNodeRegister(props.homeDomain(), props.visitedNetworkId(),
        props.tna().sendWafIdentity(), proxy.hop());
    WicRequests requests = new WicRequests(
        new TrustedNodeAuthentication(validator, rewrite, proxy, registrations, props.homeDomain(),
            props.token().authzServer(), leases, props.leaseRelease().checkRetryAfter(), clock,
            new FailureLockout(props.abuse().badTokenLockout()), events, offload),
        props.digest().enabled() ? new SipDigestWithTls(rewrite, proxy, registrations, associations, clock) : null,
        new OriginatingRequests(proxy, registrations), registrations);
    requests.relayResponsesTo(pathRequests);
    return requests;
  }

  /** Issue 13: where work that may block runs, off the event loops ({@code webims.epcscf.offload.*}). */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService epcscfOffload(EpCscfProperties props) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(props.offload().threads(), props.offload().threads(), 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(props.offload().queueCapacity()), r -> {
          Thread t = new Thread(r, "epcscf-offload-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  WicFlows epcscfFlows() {
    return new WicFlows();
  }

  /** EPC-32, 42: the reg-event subscription per registered flow (off with reg-event.enabled=false). */
  @Bean
  RegEventSubscriptions epcscfRegEvent(EpCscfProperties props, CoreProxy proxy, Registrations registrations,
      TlsAssociations associations) {
    RegEventSubscriptions subscriptions = new RegEventSubscriptions(proxy, registrations, associations,
        props.regEvent().extraExpiry().toSeconds(), props.core().uri());
    if (props.regEvent().enabled()) {
      registrations.listen(subscriptions);
    }
    return subscriptions;
  }

  /** EPC-42, issue 12: a flow left with nothing registered by a reg NOTIFY is closed. */
  @Bean
  NetworkDeregistrationClose epcscfNetworkDeregistrationClose(EpCscfProperties props, Registrations registrations,
      WicFlows flows, CoreProxy proxy) {
    NetworkDeregistrationClose close = new NetworkDeregistrationClose(registrations, flows, proxy.timerService(),
        props.regEvent().closeDelay().toMillis());
    registrations.listen(close);
    return close;
  }

  /** EPC-33: requests from the core on the eP-CSCF's Path, relayed over the flow they name. */
  @Bean
  PathRequests epcscfPathRequests(CoreProxy proxy, WicFlows flows, RegEventSubscriptions subscriptions) {
    PathRequests path = new PathRequests(proxy, flows, subscriptions);
    proxy.onCoreRequests(path);
    return path;
  }

  @Bean
  EpCscf epCscf(WebServerApplicationContext context, SipServerCore network, Registrations registrations,
      TlsAssociations associations, AccessTokenValidator validator, TlsProperties tls, EpCscfProperties props,
      ImpuLeaseRelease leaseRelease) {
    return new EpCscf(context, network, registrations, associations, validator, leaseRelease, tls.enabled(),
        props.websocket().path());
  }
}
