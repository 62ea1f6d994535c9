package org.webims.epcscf.registration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TLS associations of scenario 1 (EPC-14, 15, 41), one per WebSocket flow: a new connection
 * starts unbound even for an IMPI already associated elsewhere. Thread-safe; readable from tests.
 */
public final class TlsAssociations {

  private final ConcurrentHashMap<String, TlsAssociation> byFlow = new ConcurrentHashMap<>();

  public Optional<TlsAssociation> forFlow(String flowId) {
    return Optional.ofNullable(byFlow.get(flowId));
  }

  public int count() {
    return byFlow.size();
  }

  public Collection<TlsAssociation> all() {
    return List.copyOf(byFlow.values());
  }

  void store(TlsAssociation association) {
    byFlow.put(association.flowId(), association);
  }

  /** EPC-42: the IMPUs a terminated reg NOTIFY removed; the association goes with the last one. */
  public void removeImpus(String flowId, Collection<String> impus) {
    TlsAssociation a = byFlow.get(flowId);
    if (a == null) {
      return;
    }
    List<String> left = new ArrayList<>(a.impus());
    left.removeAll(impus);
    if (left.isEmpty()) {
      byFlow.remove(flowId);
    } else {
      byFlow.replace(flowId, a, new TlsAssociation(a.flowId(), a.sourceIp(), a.sourcePort(), a.tlsSessionId(),
          a.impi(), left));
    }
  }

  /** After a deregistration left no IMPU (EPC-41), or when the WebSocket closes (EPC-43). */
  public void removeFlow(String flowId) {
    byFlow.remove(flowId);
  }
}
