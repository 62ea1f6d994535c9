package org.webims.epcscf.registration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;

/**
 * Registration state per WebSocket flow (EPC-30, EPC-41, EPC-43). Thread-safe; readable from
 * tests and from other modules that run the eP-CSCF in-process. Each registration and deregistration is one line
 * of the event log (issue 16): {@code registration} and {@code deregistration} with its reason.
 */
public final class Registrations {

  /** The {@code reason} of a {@code deregistration} event for a reg NOTIFY whose contact event is "expired". */
  public static final String EXPIRED = "expired";

  private final EventLog events;
  private final String node;

  private final ConcurrentHashMap<String, FlowRegistration> byFlow = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  /** Flows with a deregistering REGISTER (expires 0) sent and not yet answered, with how many. */
  private final ConcurrentHashMap<String, Integer> deregistering = new ConcurrentHashMap<>();

  /**
   * Hears the start and the end of a flow's registration: the reg-event subscription (EPC-32) and a
   * scenario-3 lease's hold (EPC-28) live in between. Called on the thread that changed the state.
   */
  public interface Listener {

    /** The 200 to the first initial REGISTER of an IMPI on a flow. */
    void onFirstRegistration(FlowRegistration registration);

    /** The flow's state is gone: deregistration, terminated reg NOTIFY or flow loss ({@code why}). */
    void onRemoved(FlowRegistration registration, Removal why);
  }

  /** With an event log of its own (layer tests). */
  public Registrations() {
    this(EventLog.named("webims.events.epcscf"), null);
  }

  /**
   * @param events where registrations and deregistrations are written
   * @param node this eP-CSCF in the events, its Mw address ({@code host:port}), or null
   */
  public Registrations(EventLog events, String node) {
    this.events = events;
    this.node = node;
  }

  /** The event log, for what registration writes besides (REGISTER refusals). */
  EventLog events() {
    return events;
  }

  /** Adds {@code listener}; every listener hears every change, in the order they were added. */
  public void listen(Listener listener) {
    listeners.add(listener);
  }

  public Optional<FlowRegistration> forFlow(String flowId) {
    return Optional.ofNullable(byFlow.get(flowId));
  }

  /** The registration whose P-Associated-URI list holds {@code impu}, if any. */
  public Optional<FlowRegistration> forImpu(String impu) {
    return byFlow.values().stream().filter(r -> r.associatedUris().contains(impu)).findFirst();
  }

  /** The registrations whose token carried the pool lease {@code leaseId} (EPC-28). */
  public List<FlowRegistration> forLease(String leaseId) {
    return byFlow.values().stream().filter(r -> leaseId.equals(r.impuLease())).toList();
  }

  public int count() {
    return byFlow.size();
  }

  public Collection<FlowRegistration> all() {
    return List.copyOf(byFlow.values());
  }

  /**
   * EPC-41 against EPC-42: true while the flow's own deregistration (a REGISTER with expiry 0) is
   * unanswered, so a reg NOTIFY that ends its contact in the meantime is that deregistration's,
   * whatever event the S-CSCF names (Kamailio reports its administrative removals as "unregistered" too).
   */
  public boolean isDeregistering(String flowId) {
    return deregistering.containsKey(flowId);
  }

  void deregistrationSent(String flowId) {
    deregistering.merge(flowId, 1, Integer::sum);
  }

  void deregistrationAnswered(String flowId) {
    deregistering.computeIfPresent(flowId, (id, n) -> n > 1 ? n - 1 : null);
  }

  void store(FlowRegistration registration) {
    FlowRegistration old = byFlow.put(registration.flowId(), registration);
    if (old == null || !old.impi().equals(registration.impi())) {
      events.log(Event.of("registration").with("impu", registration.defaultImpu()).with("impi", registration.impi())
          .with("impus", registration.associatedUris().size()).with("flow", registration.flowId()).with("node", node)
          .with("expires", registration.grantedExpires()).with("lease", registration.impuLease()));
      for (Listener l : listeners) {
        l.onFirstRegistration(registration);
      }
    }
  }

  /**
   * Drops the flow's state: after a deregistration (EPC-41), a terminated reg NOTIFY (EPC-42) or
   * when the WebSocket closes (EPC-43).
   */
  public void removeFlow(String flowId, Removal why) {
    removeFlow(flowId, why, null);
  }

  /** {@link #removeFlow}, with the contact event of the reg NOTIFY that ended it (EPC-42), or null. */
  private void removeFlow(String flowId, Removal why, String regEvent) {
    FlowRegistration old = byFlow.remove(flowId);
    if (old != null) {
      events.log(Event.of("deregistration").with("impu", old.defaultImpu()).with("impi", old.impi())
          .with("flow", flowId).with("node", node).with(Event.REASON, reason(why, regEvent)));
      for (Listener l : listeners) {
        l.onRemoved(old, why);
      }
    }
  }

  /** The {@code deregistration} event's reason: by the user, by the network (or its expiry there), flow lost. */
  private static String reason(Removal why, String regEvent) {
    return switch (why) {
      case DEREGISTERED -> "user";
      case NETWORK_DEREGISTERED -> EXPIRED.equals(regEvent) ? EXPIRED : "network";
      case FLOW_LOST -> "flow_lost";
    };
  }

  /**
   * EPC-42: removes {@code impus} from the flow's registration; when none is left, the flow's state
   * goes ({@link #removeFlow} with {@code why}: the NOTIFY says whether the UE or the network ended it).
   *
   * @param regEvent the reg NOTIFY's event for the flow's contact ("expired", "deactivated", ...), or null
   * @return what is left, or null when nothing is
   */
  public FlowRegistration removeImpus(String flowId, Collection<String> impus, Removal why, String regEvent) {
    FlowRegistration r = byFlow.get(flowId);
    if (r == null) {
      return null;
    }
    List<String> left = new ArrayList<>(r.associatedUris());
    left.removeAll(impus);
    if (left.isEmpty()) {
      removeFlow(flowId, why, regEvent);
      return null;
    }
    FlowRegistration kept = r.withAssociatedUris(left);
    byFlow.replace(flowId, r, kept);
    return kept;
  }
}
