package org.webims.waf.web;

import java.time.Duration;
import org.springframework.security.authentication.AccountStatusException;
import org.webims.server.abuse.FailureLockout;

/** A web sign-in refused by the lockout (WAF-02); says how long to wait. */
public final class SignInLockedException extends AccountStatusException {

  private final Duration retryAfter;

  public SignInLockedException(Duration retryAfter) {
    super("Too many failed sign-ins. Try again in " + FailureLockout.inWords(retryAfter) + ".");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
