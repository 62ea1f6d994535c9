package org.webims.epcscf.registration;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registration state per WebSocket flow (EPC-30, EPC-41, EPC-43). Thread-safe; readable from
 * tests and from other modules that run the eP-CSCF in-process.
 */
public final class Registrations {

  private final ConcurrentHashMap<String, FlowRegistration> byFlow = new ConcurrentHashMap<>();

  public Optional<FlowRegistration> forFlow(String flowId) {
    return Optional.ofNullable(byFlow.get(flowId));
  }

  /** The registration whose P-Associated-URI list holds {@code impu}, if any. */
  public Optional<FlowRegistration> forImpu(String impu) {
    return byFlow.values().stream().filter(r -> r.associatedUris().contains(impu)).findFirst();
  }

  public int count() {
    return byFlow.size();
  }

  public Collection<FlowRegistration> all() {
    return List.copyOf(byFlow.values());
  }

  void store(FlowRegistration registration) {
    byFlow.put(registration.flowId(), registration);
  }

  /** Drops the flow's state: after a deregistration (EPC-41) or when the WebSocket closes (EPC-43). */
  public void removeFlow(String flowId) {
    byFlow.remove(flowId);
  }
}
