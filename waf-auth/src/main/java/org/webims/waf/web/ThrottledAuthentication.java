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
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;
import org.webims.waf.metrics.WafMetrics;

/**
 * WAF-02 abuse resistance: an {@link AuthenticationProvider} (web sign-in, OAuth client authentication) behind
 * the shared {@link FailureLockout}. Wrong credentials count against the account (user name or client id) and
 * the source address; while either is locked, attempts are refused with {@code lockedOut} before any password
 * is checked. Each attempt is an event (issue 16: {@code signin.succeeded}, and, limited per reason,
 * {@code signin.failed} and {@code signin.throttled}) with the account name and source, never a credential.
 */
public final class ThrottledAuthentication implements AuthenticationProvider {

  private final AuthenticationProvider delegate;
  private final FailureLockout lockout;
  private final EventLog events;
  private final InstantSource clock;
  private final Function<Duration, AuthenticationException> lockedOut;
  private final WafMetrics metrics;
  private final String kind;

  /**
   * @param events where attempts are written
   * @param lockedOut the refusal of a locked attempt, given how long the lock lasts
   * @param kind the attempt in the sign-in meter ({@code web}, {@code client}; issue 16)
   */
  public ThrottledAuthentication(AuthenticationProvider delegate, FailureLockout lockout,
      EventLog events, InstantSource clock, Function<Duration, AuthenticationException> lockedOut,
      WafMetrics metrics, String kind) {
    this.metrics = metrics;
    this.kind = kind;
    this.delegate = delegate;
    this.lockout = lockout;
    this.events = events;
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
      metrics.signIn(kind, "throttled");
      events.refusal(attempt("signin.throttled", attempt, source).with(Event.REASON, "locked_out")
          .with("retry_after_s", locked.toSeconds()));
      throw lockedOut.apply(locked);
    }
    try {
      Authentication result = delegate.authenticate(attempt);
      if (result != null) {
        lockout.succeeded(account);
        metrics.signIn(kind, "succeeded");
        events.log(attempt("signin.succeeded", attempt, source));
      }
      return result;
    } catch (AuthenticationException e) {
      if (isWrongCredentials(e)) {
        metrics.signIn(kind, "failed");
        lockout.failed(now, account, "source:" + source);
        events.refusal(attempt("signin.failed", attempt, source).with(Event.REASON, "wrong_credentials"));
      }
      throw e;
    }
  }

  /** The account's name and the source, never the password or secret it came with. */
  private Event attempt(String name, Authentication attempt, String source) {
    return Event.of(name).with("kind", kind).with("account", attempt.getName()).with("source", source);
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
