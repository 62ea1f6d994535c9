package org.webims.epcscf.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.SipServerCore;
import org.webims.epcscf.media.AnchoringPolicy;
import org.webims.epcscf.media.MediaAnchor;
import org.webims.epcscf.media.MediaReconciliation;
import org.webims.epcscf.media.NgClient;
import org.webims.epcscf.media.RtpEngineGateway;
import org.webims.epcscf.registration.Registrations;

/**
 * The eIMS-AGW (EPC-80..82, {@code webims.epcscf.media.*}): rtpengine over the ng protocol on the core
 * side's event loop, the anchoring step on the proxy path, and the periodic reconciliation. Without an
 * {@code ng-address} nothing is anchored.
 */
@Configuration(proxyBeanMethods = false)
public class MediaConfiguration {

  /**
   * The meters go to the context's {@link MeterRegistry} (the actuator's, issue 16) when there is one, else to
   * a registry of their own. Not a fallback bean: {@code @ConditionalOnMissingBean} is reliable only in
   * auto-configuration, and here it would add a second registry beside the actuator's.
   */
  @Bean(destroyMethod = "close")
  MediaGatewayLife epcscfMediaGateway(EpCscfProperties props, CoreProxy proxy, SipServerCore network,
      Registrations registrations, ObjectProvider<MeterRegistry> registries) {
    EpCscfProperties.Media config = props.media();
    MeterRegistry meters = registries.getIfAvailable(SimpleMeterRegistry::new);
    if (!config.enabled()) {
      return new MediaGatewayLife(null, null, meters);
    }
    RtpEngineGateway gateway = new RtpEngineGateway(new NgClient(network.eventLoop(), config.ng(), config.timeout(),
        config.retries()));
    String prefix = config.callIdPrefix() == null || config.callIdPrefix().isBlank()
        ? "webims-" + proxy.hop().host() + "-" + proxy.hop().port() + "-" : config.callIdPrefix();
    MediaAnchor anchor = MediaAnchor.of(gateway, new AnchoringPolicy(AnchoringPolicy.Mode.of(config.anchor()),
        impu -> registrations.forImpu(impu).isPresent()), proxy::execute, meters, prefix, config.maxQueuedPerCall());
    proxy.anchorMedia(anchor);
    return new MediaGatewayLife(gateway, new MediaReconciliation(anchor, proxy.timerService(),
        config.reconcileInterval(), config.reconcileLimit()).start(), meters);
  }

  /**
   * What stops with the context (the reconciliation's timer, then the ng socket), and the registry the media
   * meters are in.
   */
  public record MediaGatewayLife(RtpEngineGateway gateway, MediaReconciliation reconciliation, MeterRegistry meters)
      implements AutoCloseable {
    @Override
    public void close() {
      if (reconciliation != null) {
        reconciliation.close();
      }
      if (gateway != null) {
        gateway.close();
      }
    }
  }
}
