package org.webims.sip.server.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Work that may block (a JDBC query, an HSS lookup) kept off the event loops: it runs on {@code
 * blocking}, and its result, or its failure, comes back to {@code loop}, where the transaction that
 * asked for it lives. The loop keeps serving every other flow meanwhile.
 */
public final class Offload {

  private Offload() {
  }

  /** Runs {@code work} on {@code blocking}, then {@code then(result, failure)} on {@code loop}. */
  public static <T> void run(Executor blocking, Supplier<T> work, Executor loop, BiConsumer<T, Throwable> then) {
    CompletableFuture.supplyAsync(work, blocking).whenCompleteAsync((result, failure) -> then.accept(result,
        unwrap(failure)), loop);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
