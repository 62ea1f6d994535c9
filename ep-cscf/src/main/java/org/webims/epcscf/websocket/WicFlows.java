package org.webims.epcscf.websocket;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open flows by flow token (RFC 5626 §5.3): how a request that arrives on the eP-CSCF's Path
 * finds its WebSocket (EPC-33). A flow leaves when its WebSocket closes, so a later request toward
 * it gets {@code 430} (EPC-43). Thread-safe.
 */
public final class WicFlows {

  private final ConcurrentHashMap<String, WicFlow> byToken = new ConcurrentHashMap<>();

  public void add(WicFlow flow) {
    byToken.put(flow.id(), flow);
  }

  public void remove(WicFlow flow) {
    byToken.remove(flow.id(), flow);
  }

  /** The open flow named by {@code token}, if any. */
  public Optional<WicFlow> get(String token) {
    WicFlow f = token == null ? null : byToken.get(token);
    return f != null && f.isOpen() ? Optional.of(f) : Optional.empty();
  }

  public int count() {
    return byToken.size();
  }
}
