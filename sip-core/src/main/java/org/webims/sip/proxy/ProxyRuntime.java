package org.webims.sip.proxy;

import java.util.function.Supplier;
import org.webims.sip.header.Via;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;

/** What every response context and branch of one proxy core shares. */
final class ProxyRuntime {

  final TransactionLayer layer;
  final TimerService timers;
  final TransactionTimers transactionTimers;
  final ProxyConfig config;
  final ProxyElement element;
  private final Supplier<String> uniqueTokens;

  ProxyRuntime(TransactionLayer layer, TimerService timers, TransactionTimers transactionTimers, ProxyConfig config,
      ProxyElement element, Supplier<String> uniqueTokens) {
    this.layer = layer;
    this.timers = timers;
    this.transactionTimers = transactionTimers;
    this.config = config;
    this.element = element;
    this.uniqueTokens = uniqueTokens;
  }

  /** RFC 3261 §16.6 step 8: a branch unique in space and time, with the magic cookie. */
  String newBranch() {
    return Via.MAGIC_COOKIE + uniqueTokens.get();
  }
}
