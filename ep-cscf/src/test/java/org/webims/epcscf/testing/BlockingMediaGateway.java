package org.webims.epcscf.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.webims.epcscf.media.MediaGateway;

/**
 * A real {@link MediaGateway} whose results are awaited on the caller's thread before they are returned,
 * already complete: with the socket-less eP-CSCF of the tests (whose "event loop" is the test's thread) the
 * proxy then carries on at once, in order, against a real rtpengine.
 */
public final class BlockingMediaGateway implements MediaGateway {

  private final MediaGateway gateway;

  public BlockingMediaGateway(MediaGateway gateway) {
    this.gateway = gateway;
  }

  private static <T> CompletionStage<T> done(CompletionStage<T> stage) {
    CompletableFuture<T> f = stage.toCompletableFuture();
    try {
      return CompletableFuture.completedFuture(f.get(30, TimeUnit.SECONDS));
    } catch (java.util.concurrent.ExecutionException e) {
      return CompletableFuture.failedFuture(e.getCause());
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<String> offer(Leg leg, String sdp, Toward toward) {
    return done(gateway.offer(leg, sdp, toward));
  }

  @Override
  public CompletionStage<String> answer(Leg leg, String sdp, Toward toward) {
    return done(gateway.answer(leg, sdp, toward));
  }

  @Override
  public CompletionStage<Void> delete(String callId) {
    return done(gateway.delete(callId));
  }

  @Override
  public CompletionStage<Map<String, Object>> query(String callId) {
    return done(gateway.query(callId));
  }

  @Override
  public CompletionStage<List<String>> list(int limit) {
    return done(gateway.list(limit));
  }

  @Override
  public CompletionStage<Void> ping() {
    return done(gateway.ping());
  }
}
