package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.syntax.Quoting;

/**
 * The REGISTER's {@code Authorization} and what a 401 to it means. Token WIC: {@code Bearer} (WIC-31)
 * and, after an RFC 8898 challenge from the trusted WAF, one new token and one retry (WIC-32, 33).
 * Scenario 1 (WIC-20..25): {@code Digest}, an empty response first, then the answer to the topmost
 * supported challenge, the nonce reused with {@code nc} counting, one {@code stale=true} restart.
 */
final class Authentication {

  /** {@link #onUnauthorized}: send the REGISTER again now, with the answer to the challenge. */
  static final int ANSWER = 0;
  /** {@link #onUnauthorized}: fetch a new token, then send the REGISTER again. */
  static final int NEW_TOKEN = 1;
  /** {@link #onUnauthorized}: the procedure fails with {@link #failure}. */
  static final int FAIL = 2;

  private final WicConfig config;
  private final RandomTokens random;
  /** Scenario 1: the challenge answered (WIC-22/23) and its algorithm, null before the first 401. */
  private DigestChallenge challenge;
  private DigestAlgorithm algorithm;
  /** Scenario 1: the last nc sent with the challenge's nonce (WIC-24). */
  private long nc;
  /** Scenario 1: a {@code stale=true} restart happened in this procedure; a second one is a failure. */
  private boolean staleRestarted;
  /** RFC 8898: a new token was fetched after a Bearer challenge in this procedure; a second 401 fails. */
  private boolean bearerRetried;
  /** Why {@link #onUnauthorized} said {@link #FAIL}. */
  String failure;
  /** Each Digest answer's cnonce: 16 random characters (about 82 bits) when null; tests set a fixed one. */
  String cnonce;

  Authentication(WicConfig config, RandomTokens random) {
    this.config = config;
    this.random = random;
  }

  /** A new connection: no challenge known yet. */
  void reset() {
    challenge = null;
    procedureDone();
  }

  /** A 2xx ended the procedure: the next one may restart or retry once again. */
  void procedureDone() {
    staleRestarted = false;
    bearerRetried = false;
  }

  /**
   * WIC-31 {@code Bearer <token>}, or in scenario 1 Digest: before any challenge WIC-20's empty
   * response; then the answer to the challenge with the next nc and a fresh cnonce (WIC-22, 24).
   * Never an {@code integrity-protected} parameter (WIC-21).
   */
  String authorization(WicSession session) {
    String password = session.password();
    if (password == null) {
      return "Bearer " + session.token();
    }
    String uri = "sip:" + session.realm();
    String digest = "Digest username=" + Quoting.quote(session.impi()) + ", realm=";
    if (challenge == null) {
      return digest + Quoting.quote(session.realm()) + ", uri=\"" + uri + "\", nonce=\"\", response=\"\"";
    }
    String realm = challenge.realm();
    String nonce = challenge.nonce();
    String opaque = challenge.opaque();
    String count = Rfc7616Response.formatNc(++nc);
    String cnonce = this.cnonce != null ? this.cnonce : random.token(16);
    return digest + Quoting.quote(realm) + ", uri=\"" + uri + "\", nonce=" + Quoting.quote(nonce) + ", response=\""
        + Rfc7616Response.compute(algorithm, session.impi(), realm, password, SipRequest.REGISTER, uri, nonce, count,
            cnonce, Rfc7616Response.QOP_AUTH, null)
        + "\", algorithm=" + algorithm.token() + ", cnonce=\"" + cnonce + "\""
        + (opaque == null ? "" : ", opaque=" + Quoting.quote(opaque)) + ", qop=auth, nc=" + count;
  }

  /**
   * A 401 to a REGISTER: {@link #ANSWER}, {@link #NEW_TOKEN}, or {@link #FAIL} with {@link #failure}.
   * Scenario 1 answers the topmost Digest challenge with an algorithm the WIC supports (WIC-23); a
   * 401 to an answer fails (WIC-25) unless it says {@code stale=true}, which restarts once (WIC-24).
   * A token WIC retries once after a Bearer challenge of the trusted WAF (WIC-32, 33); a 401 from an
   * untrusted server contacts nothing.
   */
  int onUnauthorized(SipResponse response, WicSession session) throws SipParseException {
    if (session.password() == null) {
      if (!bearerRetried && trustedBearerChallenge(response)) {
        bearerRetried = true;
        return NEW_TOKEN;
      }
      return fail(response.statusCode() + " " + response.reasonPhrase());
    }
    DigestChallenge chosen = null;
    DigestAlgorithm chosenAlgorithm = null;
    for (AuthValue value : response.authValues(HeaderNames.WWW_AUTHENTICATE)) {
      if (value.isScheme("Digest")) {
        DigestChallenge d = DigestChallenge.from(value);
        DigestAlgorithm a = DigestAlgorithm.fromToken(d.algorithm());
        // No hash function here: SHA-512-256 in the browser's wic.js (BrowserHashFunctions); the next one.
        if (a != null && !a.isSession() && a.newHashFunction() != null) {
          chosen = d;
          chosenAlgorithm = a;
          break;
        }
      }
    }
    if (chosen == null) {
      return fail(response.statusCode() + " " + response.reasonPhrase() + " without a supported Digest challenge");
    }
    if (challenge != null) {
      if (!chosen.stale() || staleRestarted) {
        return fail("authentication failed");
      }
      staleRestarted = true;
    }
    challenge = chosen;
    algorithm = chosenAlgorithm;
    nc = 0;
    return ANSWER;
  }

  private int fail(String reason) {
    failure = reason;
    return FAIL;
  }

  /** RFC 8898 §2.1.1: a Bearer challenge whose {@code authz_server} is the WAF the WIC trusts. */
  private boolean trustedBearerChallenge(SipResponse response) throws SipParseException {
    for (AuthValue value : response.authValues(HeaderNames.WWW_AUTHENTICATE)) {
      if (value.isScheme("Bearer") && config.trusts(BearerChallenge.from(value).authzServer())) {
        return true;
      }
    }
    return false;
  }
}
