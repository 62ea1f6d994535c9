package org.webims.sip.proxy;

import java.util.function.Supplier;
import org.webims.sip.header.Via;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
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

  /**
   * A final response this proxy makes itself (408, 503, 430, 480, 487, a §16.3 error): RFC 3261
   * §8.2.6.2, the To tag is added when the request had none, so a UAC can tell this answer from a
   * UAS's.
   */
  SipResponse answer(SipRequest request, int status, String reason) {
    return SipResponse.to(request, status, reason, uniqueTokens.get()).build();
  }

  /** {@code response} with a To tag of this proxy's when it has none. */
  SipResponse tagged(SipResponse response) {
    return response.withToTag(uniqueTokens.get());
  }

  /** RFC 3261 §16.6 step 8: a branch unique in space and time, with the magic cookie. */
  String newBranch() {
    return Via.MAGIC_COOKIE + uniqueTokens.get();
  }
}
