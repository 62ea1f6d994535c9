package org.webims.waf.web;

import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Function;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.abuse.RateLimitedLog;
import org.webims.waf.metrics.WafMetrics;

/**
 * WAF-02 abuse resistance: an {@link AuthenticationProvider} (web sign-in, OAuth client authentication) behind
 * the shared {@link FailureLockout}. Wrong credentials count against the account (user name or client id) and
 * the source address; while either is locked, attempts are refused with {@code lockedOut} before any password
 * is checked. Refusals are logged rate-limited per source, with the account name but never a credential.
 */
public final class ThrottledAuthentication implements AuthenticationProvider {

  private final AuthenticationProvider delegate;
  private final String what;
  private final FailureLockout lockout;
  private final RateLimitedLog refusals;
  private final InstantSource clock;
  private final Function<Duration, AuthenticationException> lockedOut;
  private final WafMetrics metrics;
  private final String kind;

  /**
   * @param what the attempt, for log lines ("web sign-in")
   * @param lockedOut the refusal of a locked attempt, given how long the lock lasts
   * @param kind the attempt in the sign-in meter ({@code web}, {@code client}; issue 16)
   */
  public ThrottledAuthentication(AuthenticationProvider delegate, String what, FailureLockout lockout,
      RateLimitedLog refusals, InstantSource clock, Function<Duration, AuthenticationException> lockedOut,
      WafMetrics metrics, String kind) {
    this.metrics = metrics;
    this.kind = kind;
    this.delegate = delegate;
    this.what = what;
    this.lockout = lockout;
    this.refusals = refusals;
    this.clock = clock;
    this.lockedOut = lockedOut;
  }

  @Override
  public Authentication authenticate(Authentication attempt) throws AuthenticationException {
    String account = "account:" + attempt.getName();
    String source = attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
        ? web.getRemoteAddress() : "unknown";
    long now = clock.millis();
    Duration locked = lockout.lockedFor(now, account, "source:" + source);
    if (!locked.isZero()) {
      refusals.refused(source, now, what + " of " + attempt.getName() + " from " + source
          + " refused: too many failures");
      metrics.signIn(kind, "throttled");
      throw lockedOut.apply(locked);
    }
    try {
      Authentication result = delegate.authenticate(attempt);
      if (result != null) {
        lockout.succeeded(account);
        metrics.signIn(kind, "succeeded");
      }
      return result;
    } catch (AuthenticationException e) {
      if (isWrongCredentials(e)) {
        metrics.signIn(kind, "failed");
        lockout.failed(now, account, "source:" + source);
        refusals.refused(source, now, what + " of " + attempt.getName() + " from " + source
            + " failed: wrong credentials");
      }
      throw e;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return delegate.supports(authentication);
  }

  private static boolean isWrongCredentials(AuthenticationException e) {
    return e instanceof BadCredentialsException
        || e instanceof OAuth2AuthenticationException oauth
        && OAuth2ErrorCodes.INVALID_CLIENT.equals(oauth.getError().getErrorCode());
  }
}
