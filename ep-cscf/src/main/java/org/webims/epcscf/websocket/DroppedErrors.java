package org.webims.epcscf.websocket;

import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;
import reactor.netty.channel.AbortedException;

/**
 * Reactor hands an error that arrives after its subscriber has gone to {@link Hooks#onErrorDropped}, whose
 * default logs it at ERROR with its stack trace. On the edge that is mostly the client's doing: the rest of an
 * oversized message after the 1009 close, a reset connection, a broken frame. Those are logged at DEBUG without a
 * trace (no stack traces for client errors); anything else stays visible as a WARN with its trace.
 */
public final class DroppedErrors {

  private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);
  private static final AtomicBoolean installed = new AtomicBoolean();

  private DroppedErrors() {}

  /** Installs the hook once per JVM (Reactor's hooks add up, and several contexts may share a JVM in tests). */
  public static void install() {
    if (installed.compareAndSet(false, true)) {
      Hooks.onErrorDropped(DroppedErrors::dropped);
    }
  }

  static boolean clientCaused(Throwable error) {
    return error instanceof DecoderException || error instanceof IOException || error instanceof AbortedException;
  }

  private static void dropped(Throwable error) {
    if (clientCaused(error)) {
      log.debug("after the flow ended: {}", error.toString());
    } else {
      log.warn("error after its flow ended", error);
    }
  }
}
