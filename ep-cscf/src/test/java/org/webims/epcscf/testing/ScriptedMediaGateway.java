package org.webims.epcscf.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.webims.epcscf.media.MediaGateway;

/**
 * A {@link MediaGateway} whose every command stays pending until the test completes it: the eP-CSCF's
 * waiting for the gateway made visible (EPC-80). Commands are recorded in order.
 */
public final class ScriptedMediaGateway implements MediaGateway {

  /** One command: its name, the call id, the SDP sent (or null) and the result to complete. */
  public record Command(String name, String callId, String sdp, Toward toward, CompletableFuture<Object> result) {

    /** Completes an offer or answer with {@code sdp}. */
    public void reply(String sdp) {
      result.complete(sdp);
    }
  }

  private final List<Command> commands = new ArrayList<>();

  public synchronized List<Command> commands() {
    return List.copyOf(commands);
  }

  /** The commands named {@code name}, in order. */
  public synchronized List<Command> commands(String name) {
    return commands.stream().filter(c -> c.name().equals(name)).toList();
  }

  @SuppressWarnings("unchecked")
  private synchronized <T> CompletionStage<T> record(String name, String callId, String sdp, Toward toward) {
    CompletableFuture<Object> f = new CompletableFuture<>();
    commands.add(new Command(name, callId, sdp, toward, f));
    return (CompletionStage<T>) (CompletionStage<?>) f;
  }

  @Override
  public CompletionStage<String> offer(Leg leg, String sdp, Toward toward) {
    return record("offer", leg.callId(), sdp, toward);
  }

  @Override
  public CompletionStage<String> answer(Leg leg, String sdp, Toward toward) {
    return record("answer", leg.callId(), sdp, toward);
  }

  @Override
  public CompletionStage<Void> delete(String callId) {
    return record("delete", callId, null, null);
  }

  @Override
  public CompletionStage<Map<String, Object>> query(String callId) {
    return record("query", callId, null, null);
  }

  @Override
  public CompletionStage<List<String>> list(int limit) {
    return record("list", null, null, null);
  }

  @Override
  public CompletionStage<Void> ping() {
    return record("ping", null, null, null);
  }
}
