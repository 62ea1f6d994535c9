package org.webims.waf.web;

import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.webims.server.abuse.FailureLockout;

/**
 * An OAuth client authentication refused by the lockout (WAF-02): RFC 6749 §5.2 {@code invalid_client} whose
 * description says how long to wait; {@link ClientAuthenticationFailureHandler} adds Retry-After.
 */
public final class ClientLockedException extends OAuth2AuthenticationException {

  private final Duration retryAfter;

  public ClientLockedException(Duration retryAfter) {
    super(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Too many failed client authentications. Try again in "
        + FailureLockout.inWords(retryAfter) + ".", null));
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
