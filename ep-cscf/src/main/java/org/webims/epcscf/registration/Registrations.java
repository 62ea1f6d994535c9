package org.webims.epcscf.registration;

import java.util.ArrayList;
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
  private volatile Listener listener = Listener.NONE;

  /**
   * Hears the start and the end of a flow's registration: the reg-event subscription (EPC-32) lives
   * in between. Called on the thread that changed the state.
   */
  public interface Listener {
    Listener NONE = new Listener() {
      @Override
      public void onFirstRegistration(FlowRegistration registration) {
      }

      @Override
      public void onRemoved(FlowRegistration registration) {
      }
    };

    /** The 200 to the first initial REGISTER of an IMPI on a flow. */
    void onFirstRegistration(FlowRegistration registration);

    /** The flow's state is gone: deregistration, terminated reg NOTIFY or flow loss. */
    void onRemoved(FlowRegistration registration);
  }

  public void listen(Listener listener) {
    this.listener = listener == null ? Listener.NONE : listener;
  }

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
    FlowRegistration old = byFlow.put(registration.flowId(), registration);
    if (old == null || !old.impi().equals(registration.impi())) {
      listener.onFirstRegistration(registration);
    }
  }

  /** Drops the flow's state: after a deregistration (EPC-41) or when the WebSocket closes (EPC-43). */
  public void removeFlow(String flowId) {
    FlowRegistration old = byFlow.remove(flowId);
    if (old != null) {
      listener.onRemoved(old);
    }
  }

  /**
   * EPC-42: removes {@code impus} from the flow's registration; when none is left, the flow's state
   * goes ({@link #removeFlow}).
   *
   * @return what is left, or null when nothing is
   */
  public FlowRegistration removeImpus(String flowId, Collection<String> impus) {
    FlowRegistration r = byFlow.get(flowId);
    if (r == null) {
      return null;
    }
    List<String> left = new ArrayList<>(r.associatedUris());
    left.removeAll(impus);
    if (left.isEmpty()) {
      removeFlow(flowId);
      return null;
    }
    FlowRegistration kept = new FlowRegistration(r.flowId(), r.impi(), left, r.serviceRoutes(), r.contact(),
        r.grantedExpires(), r.expiresAt(), r.wafIssuer());
    byFlow.replace(flowId, r, kept);
    return kept;
  }
}
