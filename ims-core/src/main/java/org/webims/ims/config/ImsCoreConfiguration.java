package org.webims.ims.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.InstantSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.webims.server.events.EventLog;
import org.webims.server.events.EventLogProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.webims.ims.hss.HssSeeding;
import org.webims.ims.hss.JdbcSubscriberRepository;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.ims.metrics.ImsMetrics;
import org.webims.ims.scscf.EventLoopTimers;
import org.webims.ims.scscf.RegEventNotifier;
import org.webims.ims.scscf.RegisterAuthorization;
import org.webims.ims.scscf.RegisterHandler;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.scscf.ScscfRequestHandler;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.sip.server.transport.SipServerConfig;

/** Wires the HSS and the S-CSCF from {@link ImsProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ImsProperties.class, EventLogProperties.class})
public class ImsCoreConfiguration {

  @Bean
  SubscriberRepository subscriberRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    return new JdbcSubscriberRepository(jdbc, transactions);
  }

  @Bean
  HssSeeding hssSeeding(SubscriberRepository repository, ImsProperties properties) {
    String file = properties.subscribersFile();
    return new HssSeeding(repository, file == null || file.isBlank() ? null : Path.of(file), properties.homeDomain());
  }

  @Bean
  EventLoopTimers eventLoopTimers() {
    return new EventLoopTimers();
  }

  /** The event log, {@code webims.events.ims} (docs/operations.md "Event log"). */
  @Bean
  EventLog imsEvents(EventLogProperties limits) {
    return new EventLog(Registrar.EVENTS, limits);
  }

  @Bean
  Registrar registrar(EventLoopTimers timers, EventLog events) {
    return new Registrar(timers, InstantSource.system(), events);
  }

  @Bean
  RegisterAuthorization registerAuthorization(SubscriberRepository repository, ImsProperties properties) {
    return new RegisterAuthorization(repository, RegisterAuthorization.resolve(properties.trustedNodes()),
        properties.homeDomain(), properties.digest(), InstantSource.system());
  }

  @Bean
  RegEventNotifier regEventNotifier(Registrar registrar, EventLoopTimers timers, RegisterAuthorization authorization,
      ImsProperties properties) {
    return new RegEventNotifier(registrar, timers, authorization::isTrustedNode, properties.regEvent().maxExpires(),
        null);
  }

  @Bean
  ScscfRequestHandler scscfRequestHandler(Registrar registrar, RegisterAuthorization authorization,
      RegEventNotifier regEvent, ImsProperties properties) {
    return new ScscfRequestHandler(new RegisterHandler(registrar, authorization, properties.registrar()), regEvent,
        authorization);
  }

  /** Issue 16: the IMS core's meters on the application's registry, scraped on the management port. */
  @Bean
  ImsMetrics imsMetrics(MeterRegistry registry, Registrar registrar) {
    ImsMetrics metrics = new ImsMetrics(registry);
    metrics.gauge(ImsMetrics.REGISTRATIONS, "Public identities with at least one binding now",
        registrar::registeredImpuCount);
    return metrics;
  }

  @Bean
  ScscfSipService scscfSipService(ScscfRequestHandler handler, EventLoopTimers timers, RegEventNotifier regEvent,
      Registrar registrar, SubscriberRepository repository, RegisterAuthorization authorization,
      ImsProperties properties, ImsMetrics metrics) {
    ImsProperties.Sip sip = properties.sip();
    SipServerConfig network = SipServerConfig.builder()
        .bindAddress(sip.bindAddress())
        .port(sip.port())
        .eventLoops(sip.eventLoops())
        .idleTimeout(sip.idleTimeout())
        .connectTimeout(sip.connectTimeout())
        .maxConnections(sip.maxConnections())
        .build();
    ScscfSipService service = new ScscfSipService(network, handler, timers, sip.hssThreads(), sip.hssQueue(), metrics);
    regEvent.sender(service);
    service.routeSessions(registrar, repository, properties.registrar().serviceRoute(), authorization);
    return service;
  }
}
