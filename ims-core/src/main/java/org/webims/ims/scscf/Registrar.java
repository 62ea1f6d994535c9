package org.webims.ims.scscf;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.sip.transaction.TimerService;

/**
 * The S-CSCF's location service (RFC 3261 §10.3, TS 24.229 §5.4.1): bindings per public identity,
 * each lapsing by a timer at its expiry. Changes run on the SIP event loop (the
 * {@link TimerService}'s thread); {@link #bindings} may be read from any thread and returns an
 * immutable snapshot.
 */
public final class Registrar {

  private final TimerService timers;
  private final InstantSource clock;
  private final Map<String, List<Binding>> byImpu = new ConcurrentHashMap<>();
  // One timer per binding; the implicit set's IMPUs share the Binding, so identity is the key.
  private final Map<Binding, BoundSet> live = new IdentityHashMap<>();

  /** The IMPUs a binding is filed under, and its expiry timer. */
  private record BoundSet(List<String> impus, TimerService.Timer expiry) {
  }

  public Registrar(TimerService timers, InstantSource clock) {
    this.timers = timers;
    this.clock = clock;
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
      remove(replaced);
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
  }

  /** Removes a binding from every IMPU it is filed under and stops its timer; false when unknown. */
  public boolean remove(Binding binding) {
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

  /** RFC 3261 §10.3: a binding not refreshed before its expiry is removed. */
  private void lapse(Binding binding) {
    remove(binding);
  }
}
