package org.webims.e2e.support;

import java.security.SecureRandom;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/**
 * The client side of one Digest challenge (RFC 7616 §3.4, {@code qop=auth}): the Authorization
 * values a WIC sends for the challenge's nonce with {@code nc} counting up from 1, one fresh
 * {@code cnonce} per request and {@code opaque} echoed when the challenge has one.
 *
 * <p>This is the only place where system tests compute Digest responses, with sip-core's
 * {@link Rfc7616Response}; it is meant to be replaced by the WIC's own Digest code.
 */
public final class DigestAnswer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DigestChallenge challenge;
  private final DigestAlgorithm algorithm;
  private final String username;
  private final String password;
  private long nc;

  private DigestAnswer(DigestChallenge challenge, String username, String password) {
    this.challenge = challenge;
    this.algorithm = DigestAlgorithm.fromToken(challenge.algorithm());
    if (algorithm == null) {
      throw new IllegalArgumentException("unsupported Digest algorithm " + challenge.algorithm());
    }
    if (!challenge.qopOptions().contains(Rfc7616Response.QOP_AUTH)) {
      throw new IllegalArgumentException("challenge offers no qop=auth: " + challenge);
    }
    this.username = username;
    this.password = password;
  }

  /** Answers the first Digest WWW-Authenticate of {@code unauthorized} (a 401). */
  public static DigestAnswer to(SipResponse unauthorized, String username, String password)
      throws SipParseException {
    return new DigestAnswer(challengeOf(unauthorized), username, password);
  }

  /** The first Digest challenge of a 401's WWW-Authenticate header fields. */
  public static DigestChallenge challengeOf(SipResponse unauthorized) throws SipParseException {
    for (String line : unauthorized.headerLines(HeaderNames.WWW_AUTHENTICATE)) {
      for (AuthValue value : AuthValue.parseList(line, HeaderNames.WWW_AUTHENTICATE)) {
        if (value.isScheme("Digest")) {
          return DigestChallenge.from(value);
        }
      }
    }
    throw new AssertionError("no Digest challenge in " + unauthorized.startLine());
  }

  public DigestChallenge challenge() {
    return challenge;
  }

  /** The Authorization value for the next request with this nonce: {@code nc} is one more than last time. */
  public String next(String method, String uri) {
    String ncValue = Rfc7616Response.formatNc(++nc);
    String cnonce = cnonce();
    String response = Rfc7616Response.compute(algorithm, username, challenge.realm(), password, method, uri,
        challenge.nonce(), ncValue, cnonce, Rfc7616Response.QOP_AUTH, null);
    return DigestCredentials.builder().username(username).realm(challenge.realm()).nonce(challenge.nonce())
        .uri(uri).response(response).algorithm(algorithm.token()).cnonce(cnonce).opaque(challenge.opaque())
        .qop(Rfc7616Response.QOP_AUTH).nc(ncValue).build().toString();
  }

  /** The {@code nc} of the last value {@link #next} returned. */
  public long nc() {
    return nc;
  }

  private static String cnonce() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    StringBuilder sb = new StringBuilder(24);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
