package org.webims.epcscf.registration;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.lease.LeaseCheck;
import org.webims.epcscf.token.AccessToken;
import org.webims.epcscf.token.AccessTokenValidator;
import org.webims.epcscf.token.TokenFailure;
import org.webims.epcscf.token.TokenVerdict;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.auth.BearerCredentials;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.Uri;

/**
 * TS 24.371 6.1 b), A.3.2 and TS 33.203 U.2: registration of a WIC that holds a WAF access token.
 * A REGISTER is forwarded only after its Bearer token validated (EPC-20) and grants the To IMPU
 * (EPC-23), as a Trusted Node REGISTER (EPC-24); every failure is answered here and nothing is
 * forwarded (EPC-21, EPC-22). Responses go back on the same flow without P-Charging-* (EPC-06,
 * EPC-31); a 200 stores or removes the flow's registration (EPC-30, EPC-41). Scenario 1 (Digest
 * pass-through, EPC-09..18) is {@link SipDigestWithTls}; {@link WicRequests} picks by the scheme.
 */
public final class TrustedNodeAuthentication {

  private static final Logger log = LoggerFactory.getLogger(TrustedNodeAuthentication.class);

  private final AccessTokenValidator validator;
  private final TrustedNodeRegister rewrite;
  private final CoreProxy core;
  private final RegisterResults results;
  private final String homeDomain;
  private final String authzServer;
  private final LeaseCheck leases;
  private final String leaseRetryAfter;
  private final Clock clock;
  private final FailureLockout badTokens;
  private final EventLog events;
  private final Executor offLoop;
  private final Registrations registrations;

  /** With the default limits of the bad-token lockout, refusals in the registrations' event log. */
  public TrustedNodeAuthentication(AccessTokenValidator validator, TrustedNodeRegister rewrite, CoreProxy core,
      Registrations registrations, String homeDomain, String authzServer, LeaseCheck leases,
      Duration leaseRetryAfter, Clock clock) {
    this(validator, rewrite, core, registrations, homeDomain, authzServer, leases, leaseRetryAfter, clock,
        new FailureLockout(FailureLockout.Limits.DEFAULTS), registrations.events());
  }

  /** Signature checks on the caller's thread (layer tests). */
  public TrustedNodeAuthentication(AccessTokenValidator validator, TrustedNodeRegister rewrite, CoreProxy core,
      Registrations registrations, String homeDomain, String authzServer, LeaseCheck leases,
      Duration leaseRetryAfter, Clock clock, FailureLockout badTokens, EventLog events) {
    this(validator, rewrite, core, registrations, homeDomain, authzServer, leases, leaseRetryAfter, clock, badTokens,
        events, Runnable::run);
  }

  /**
   * @param leases EPC-28: whether a token's pool lease is still live at the WAF
   * @param badTokens failed token validations per source address (EPC-21 abuse resistance)
   * @param events where refusals are written ({@code token.refused}, limited per reason; never the token)
   * @param offLoop where a token's signature check runs (it may fetch the WAF's JWKS), never on the caller's event
   *     loop; {@code Runnable::run} runs it on the caller's thread (tests)
   */
  public TrustedNodeAuthentication(AccessTokenValidator validator, TrustedNodeRegister rewrite, CoreProxy core,
      Registrations registrations, String homeDomain, String authzServer, LeaseCheck leases,
      Duration leaseRetryAfter, Clock clock, FailureLockout badTokens, EventLog events, Executor offLoop) {
    this.offLoop = offLoop;
    this.registrations = registrations;
    this.clock = clock;
    this.badTokens = badTokens;
    this.events = events;
    this.validator = validator;
    this.leases = leases;
    this.leaseRetryAfter = Long.toString(Math.max(1, leaseRetryAfter.toSeconds()));
    this.rewrite = rewrite;
    this.core = core;
    this.results = new RegisterResults(registrations, clock);
    this.homeDomain = homeDomain;
    this.authzServer = authzServer;
  }

  /**
   * A REGISTER that carries no Digest credentials (or Bearer ones beside them), with Max-Forwards
   * above zero: validated, then forwarded or answered here.
   */
  public void register(WicFlow flow, SipRequest request) throws SipParseException {
    BearerCredentials bearer = null;
    boolean anyCredentials = false;
    for (AuthValue v : request.authValues(HeaderNames.AUTHORIZATION)) {
      anyCredentials = true;
      if (v.isScheme("Bearer")) {
        if (throttled(flow, request)) {
          return;
        }
        try {
          bearer = BearerCredentials.from(v);
        } catch (SipParseException e) {
          failed(flow, request, "malformed_credentials", 401);
          flow.send(challenge(request, true, null));
          return;
        }
        break;
      }
    }
    if (bearer == null) {
      // EPC-22: no Bearer credentials. RFC 6750 §3.1: no error code when none were offered. No Digest
      // challenge is added: the S-CSCF issues those (WicRequests sends a REGISTER without credentials
      // there when scenario 1 is offered; a scenario-1 WIC starts with empty Digest credentials, WIC-20).
      log.debug("REGISTER on flow {} without Bearer credentials (any credentials: {})", flow.id(), anyCredentials);
      flow.send(challenge(request, false, null));
      return;
    }
    // Issue 13: a token seen before is answered here; a signature check (maybe a JWKS fetch) runs off the loop.
    validator.validate(bearer.token(), offLoop,
        verdict -> orBadRequest(flow, request, () -> validated(flow, request, verdict)));
  }

  /** The rest of {@link #register} once the token's verdict is known: on the caller's thread or {@code offLoop}. */
  private void validated(WicFlow flow, SipRequest request, TokenVerdict verdict) throws SipParseException {
    if (refused(flow, request, verdict)) {
      return;
    }
    AccessToken token = verdict.token();
    Uri to = request.to().uri();
    if (!grants(token, to)) {
      refused(flow, request, "impu_not_granted", 403);
      flow.send(RegisterResults.answer(request, 403, "IMPU not granted").build()); // EPC-23
      return;
    }
    if (token.impuLease() == null) {
      forward(flow, request, token);
      return;
    }
    // EPC-28: a pool lease released on another node or before this node started is known at the WAF only.
    leases.check(token.impuLease(), token.expiresAt(), result -> {
      switch (result) {
        case LIVE -> orBadRequest(flow, request, () -> forward(flow, request, token));
        case RELEASED -> {
          refused(flow, request, "lease_released", 401);
          flow.send(challenge(request, true, TokenFailure.LEASE_RELEASED.description()));
        }
        case UNAVAILABLE -> {
          refused(flow, request, "lease_unknown", 503); // the WAF did not say whether the lease is live
          flow.send(RegisterResults.answer(request, 503, "Lease state unavailable")
              .header(HeaderNames.RETRY_AFTER, leaseRetryAfter).build());
        }
      }
    });
  }

  /**
   * EPC-64 (TS 24.371 7.2): a request other than REGISTER that carries Bearer credentials goes on
   * ({@code then}) only when its token validates as a REGISTER's does (EPC-20, 21: the verdict cache,
   * the signature check off the loop, the bad-token lockout) and belongs to the flow's registration:
   * same IMPI, same WAF. An invalid token gets the REGISTER's 401 with the Bearer challenge, so the
   * WIC fetches a new token and sends the request again (RFC 8898 §2.2, RFC 6750 §3.1); a valid one of
   * somebody else gets 403 (RFC 6750 §3.1: the token is fine, the request is not allowed with it).
   * Without Bearer credentials, or on a flow with no registration (which {@link OriginatingRequests}
   * refuses with 403), the request goes on as it is. The credentials themselves never reach the core
   * ({@link TrustedNodeRegister#towardCore} drops every Authorization line).
   */
  public void checkBearer(WicFlow flow, SipRequest request, Runnable then) throws SipParseException {
    AuthValue credentials = null;
    for (AuthValue v : request.authValues(HeaderNames.AUTHORIZATION)) {
      if (v.isScheme("Bearer")) {
        credentials = v;
        break;
      }
    }
    if (credentials == null) {
      then.run();
      return;
    }
    if (throttled(flow, request)) {
      return;
    }
    BearerCredentials bearer;
    try {
      bearer = BearerCredentials.from(credentials);
    } catch (SipParseException e) {
      failed(flow, request, "malformed_credentials", 401);
      flow.send(challenge(request, true, null));
      return;
    }
    validator.validate(bearer.token(), offLoop, verdict -> {
      if (refused(flow, request, verdict)) {
        return;
      }
      FlowRegistration registration = registrations.forFlow(flow.id()).orElse(null);
      AccessToken token = verdict.token();
      if (registration != null && (!token.impi().equals(registration.impi())
          || (registration.wafIssuer() != null && !registration.wafIssuer().equals(token.issuer())))) {
        refused(flow, request, "other_registration", 403); // the token is another IMPI's, or another WAF's
        flow.send(RegisterResults.answer(request, 403, "Token does not match the registration").build());
        return;
      }
      then.run();
    });
  }

  /** EPC-21: an invalid token's 401; EPC-28: a released lease is named, so the WIC knows to fetch a new token. */
  private boolean refused(WicFlow flow, SipRequest request, TokenVerdict verdict) {
    if (verdict.isValid()) {
      return false;
    }
    failed(flow, request, verdict.failure().name().toLowerCase(java.util.Locale.ROOT), 401);
    flow.send(challenge(request, true,
        verdict.failure() == TokenFailure.LEASE_RELEASED ? verdict.failure().description() : null));
    return true;
  }

  /** A step that may meet a malformed header. */
  private interface ParseStep {
    void run() throws SipParseException;
  }

  /** Runs {@code step} where no caller answers its parse failure (off the loop, a lease check thread): 400. */
  private static void orBadRequest(WicFlow flow, SipRequest request, ParseStep step) {
    try {
      step.run();
    } catch (SipParseException e) {
      flow.send(RegisterResults.answer(request, 400, e.reason()).build());
    }
  }

  private void forward(WicFlow flow, SipRequest request, AccessToken token) throws SipParseException {
    SipRequest forwarded = rewrite.rewrite(request, token, flow);
    core.forward(forwarded, results.tracked(flow, request, response -> {
      if (response.isSuccess()) {
        results.remember(flow, request, token.impi(), token, response);
      }
      results.relay(flow, response);
    }));
  }

  /**
   * EPC-21 abuse resistance: a source with too many failed token validations is answered without its
   * token being looked at. 403, not 503: the refusal is about this client, not an overloaded server, so
   * nothing should fail over to another node; Retry-After and the reason phrase say how long to wait.
   */
  private boolean throttled(WicFlow flow, SipRequest request) {
    String source = flow.sourceAddress();
    long now = clock.millis();
    Duration locked = badTokens.lockedFor(now, source);
    if (locked.isZero()) {
      return false;
    }
    refused(flow, request, "throttled", 403); // unvalidated: too many failed token validations
    flow.send(RegisterResults.answer(request, 403, "Too many failed attempts, retry in " + locked.toSeconds() + " s")
        .header(HeaderNames.RETRY_AFTER, Long.toString(locked.toSeconds())).build());
    return true;
  }

  /** Counts a failed validation against the flow's source address and writes the refusal. */
  private void failed(WicFlow flow, SipRequest request, String reason, int status) {
    badTokens.failed(clock.millis(), flow.sourceAddress());
    refused(flow, request, reason, status);
  }

  /** A {@code token.refused} event, limited per reason: what was refused and why, never the token. */
  private void refused(WicFlow flow, SipRequest request, String reason, int status) {
    events.refusal(Event.of("token.refused").with("method", request.method()).with("flow", flow.id())
        .with("source", flow.sourceAddress()).with(Event.REASON, reason).with("status", status));
  }

  private static boolean grants(AccessToken token, Uri to) {
    for (String impu : token.impus()) {
      try {
        if (impu.equals(to.toString()) || Uri.parse(impu).equals(to)) {
          return true;
        }
      } catch (SipParseException e) {
        log.debug("token impu claim is not a URI: {}", e.reason());
      }
    }
    return false;
  }

  /**
   * EPC-22 (RFC 8898 §2.1.1, RFC 6750 §3.1): the Bearer challenge naming the WAF, without an error
   * code, for a REGISTER that offered no token.
   */
  String bearerChallenge() {
    return bearer().build().toString();
  }

  private BearerChallenge.Builder bearer() {
    return BearerChallenge.builder().realm(homeDomain).authzServer(authzServer);
  }

  /** EPC-21/22 (RFC 8898 §2.1.1, RFC 6750 §3): 401 with the Bearer challenge naming the WAF. */
  private SipResponse challenge(SipRequest request, boolean invalidToken, String description) {
    BearerChallenge.Builder c = bearer();
    if (invalidToken) {
      c.error("invalid_token");
    }
    if (description != null) {
      c.errorDescription(description);
    }
    return RegisterResults.answer(request, 401, null).header(HeaderNames.WWW_AUTHENTICATE, c.build().toString()).build();
  }}
