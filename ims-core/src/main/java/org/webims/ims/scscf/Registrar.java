package org.webims.ims.scscf;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;
import org.webims.sip.transaction.TimerService;

/**
 * The S-CSCF's location service (RFC 3261 §10.3, TS 24.229 §5.4.1): bindings per public identity,
 * each lapsing by a timer at its expiry. Changes run on the SIP event loop (the
 * {@link TimerService}'s thread); {@link #bindings} may be read from any thread and returns an
 * immutable snapshot. A new binding is a {@code registration} event, a removed one a {@code deregistration} with
 * its reason (issue 16); a refreshed binding is neither.
 */
public final class Registrar {

  /** The IMS core's event logger (issue 16, docs/operations.md "Event log"). */
  public static final String EVENTS = "webims.events.ims";

  private final TimerService timers;
  private final InstantSource clock;
  private final EventLog events;
  private final Map<String, List<Binding>> byImpu = new ConcurrentHashMap<>();
  // One timer per binding; the implicit set's IMPUs share the Binding, so identity is the key.
  private final Map<Binding, BoundSet> live = new IdentityHashMap<>();
  private Listener listener = (impus, terminated, event) -> { };

  /**
   * Told of every change, on the event loop, after it is made: the reg event notifier (SCS-09..13).
   * {@code terminated} lists the bindings removed (empty when one was added or refreshed) and
   * {@code event} is their RFC 3680 contact event ({@code unregistered}, {@code expired},
   * {@code deactivated}, {@code rejected}), null when nothing was removed.
   */
  public interface Listener {
    void changed(List<String> impus, List<Binding> terminated, String event);
  }

  /** Sets the one listener; call before the event loop runs. */
  public void listener(Listener listener) {
    this.listener = listener;
  }

  /** The IMPUs a binding is filed under, and its expiry timer. */
  private record BoundSet(List<String> impus, TimerService.Timer expiry) {
  }

  /** With an event log of its own (tests). */
  public Registrar(TimerService timers, InstantSource clock) {
    this(timers, clock, EventLog.named(EVENTS));
  }

  public Registrar(TimerService timers, InstantSource clock, EventLog events) {
    this.timers = timers;
    this.clock = clock;
    this.events = events;
  }

  /** The IMS core's event log, for what registration writes besides (REGISTER refusals). */
  EventLog events() {
    return events;
  }

  /** The registrar clock, in epoch milliseconds. */
  public long nowMillis() {
    return clock.millis();
  }

  /** The current bindings of {@code impu}, oldest first; empty when it is not registered. */
  public List<Binding> bindings(String impu) {
    List<Binding> list = byImpu.get(impu);
    return list == null ? List.of() : list;
  }

  /** How many IMPUs have at least one binding. */
  public int registeredImpuCount() {
    return byImpu.size();
  }

  /**
   * Files {@code binding} under every IMPU of {@code impus} (the implicit registration set), in
   * place of {@code replaced} when not null, and starts its expiry timer.
   */
  public void put(List<String> impus, Binding replaced, Binding binding) {
    if (replaced != null) {
      detach(replaced);
    }
    long delay = Math.max(0, binding.expiresAtMillis() - clock.millis());
    TimerService.Timer expiry = timers.schedule(delay, () -> lapse(binding));
    live.put(binding, new BoundSet(List.copyOf(impus), expiry));
    for (String impu : impus) {
      byImpu.compute(impu, (k, old) -> {
        List<Binding> next = new ArrayList<>(old == null ? 1 : old.size() + 1);
        if (old != null) {
          next.addAll(old);
        }
        next.add(binding);
        return List.copyOf(next);
      });
    }
    if (replaced == null) {
      events.log(Event.of("registration").with("impu", impus.isEmpty() ? null : impus.get(0))
          .with("impi", binding.impi()).with("impus", impus.size()).with("contact", binding.uri())
          .with("expires", binding.remainingSeconds(clock.millis())));
    }
    listener.changed(List.copyOf(impus), List.of(), null);
  }

  /** The implicit registration set {@code impu} is registered in (TS 23.228 §4.3.3.4); empty when unregistered. */
  public List<String> implicitSet(String impu) {
    List<Binding> list = bindings(impu);
    if (list.isEmpty()) {
      return List.of();
    }
    BoundSet set = live.get(list.get(0));
    return set == null ? List.of(impu) : set.impus();
  }

  /**
   * Removes a binding from every IMPU it is filed under, stops its timer and tells the listener
   * with {@code event} (RFC 3680 §5.1: {@code unregistered}, {@code expired}, ...); false when unknown.
   */
  public boolean remove(Binding binding, String event) {
    BoundSet set = live.get(binding);
    if (!detach(binding)) {
      return false;
    }
    deregistered(set.impus(), binding, event);
    listener.changed(set.impus(), List.of(binding), event);
    return true;
  }

  /** Every live binding, once each (an implicit set's IMPUs share one); for rare look-ups by contact. */
  public List<Binding> allBindings() {
    return List.copyOf(live.keySet());
  }

  /**
   * Network-initiated deregistration (TS 24.229 §5.4.1.5, SCS-12): removes every binding of the
   * implicit set of {@code impu} and tells the listener once with {@code event}
   * ({@code deactivated} or {@code rejected}). Returns the removed bindings; empty when unregistered.
   */
  public List<Binding> deregister(String impu, String event) {
    List<String> impus = implicitSet(impu);
    List<Binding> removed = new ArrayList<>();
    for (String member : impus) {
      for (Binding b : bindings(member)) {
        if (!removed.contains(b) && detach(b)) {
          removed.add(b);
        }
      }
    }
    for (Binding b : removed) {
      deregistered(impus, b, event);
    }
    if (!removed.isEmpty()) {
      listener.changed(impus, List.copyOf(removed), event);
    }
    return List.copyOf(removed);
  }

  private boolean detach(Binding binding) {
    BoundSet set = live.remove(binding);
    if (set == null) {
      return false;
    }
    set.expiry().cancel();
    for (String impu : set.impus()) {
      byImpu.computeIfPresent(impu, (k, old) -> {
        List<Binding> next = new ArrayList<>(old.size());
        for (Binding b : old) {
          if (b != binding) {
            next.add(b);
          }
        }
        return next.isEmpty() ? null : List.copyOf(next);
      });
    }
    return true;
  }

  /**
   * The {@code deregistration} event: {@code reason} is {@code user} (RFC 3680 {@code unregistered}), {@code expired}
   * or {@code network} (the administration's {@code deactivated} or {@code rejected}, named in {@code reg_event}).
   */
  private void deregistered(List<String> impus, Binding binding, String event) {
    String reason = "unregistered".equals(event) ? "user" : "expired".equals(event) ? "expired" : "network";
    events.log(Event.of("deregistration").with("impu", impus.isEmpty() ? null : impus.get(0))
        .with("impi", binding.impi()).with("contact", binding.uri()).with(Event.REASON, reason)
        .with("reg_event", reason.equals("network") ? event : null));
  }

  /** RFC 3261 §10.3: a binding not refreshed before its expiry is removed. */
  private void lapse(Binding binding) {
    remove(binding, "expired");
  }
}
