package org.webims.ims.scscf;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.config.ImsProperties;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.server.abuse.FailureLockout;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Hex;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.message.SipRequest;
import org.webims.sip.uri.Uri;

/**
 * TS 24.229 §5.4.1.2 "SIP digest" at the S-CSCF (SCS-01..04, RFC 7616, RFC 8760): challenges a
 * REGISTER with one fresh nonce per configured algorithm, and verifies the answer against the HSS's
 * stored H(A1). Every {@code integrity-protected} value other than {@code auth-done} comes here, and
 * all are treated alike: a REGISTER registers only with a correct response for a nonce this S-CSCF
 * issued, still valid, with a higher {@code nc} than any accepted before. That is also what lets
 * {@code tls-yes} re-registrations and deregistrations go through without a new challenge (SCS-04).
 * A nonce issued to, or accepted for, one IMPI serves no other. A nonce issued to nobody (the
 * challenge of a REGISTER without credentials, which an ordinary SIP UA sends before every
 * REGISTER) is verified whatever the marking: {@code tls-yes} never makes a correct answer fail.
 * Used on the SIP event loop only.
 */
final class SipDigestAuthentication {

  private static final Logger log = LoggerFactory.getLogger(SipDigestAuthentication.class);

  static final String WRONG_CREDENTIALS = "Wrong credentials";
  static final String REALM_MISMATCH = "Realm mismatch";
  /** Followed by how long the lockout lasts: {@code , try again in 4 minutes} (issue 12 item 9). */
  static final String LOCKED_OUT = "Too many failed authentication attempts";

  private final String realm;
  private final List<DigestAlgorithm> algorithms;
  private final long nonceLifetimeMillis;
  private final InstantSource clock;
  private final NonceStore nonces;
  private final FailureLockout failures;
  // Stands in for the H(A1) of an unknown IMPI so the same work is done and it never matches.
  private final String unknownImpiHa1;

  SipDigestAuthentication(String realm, ImsProperties.Digest config, InstantSource clock, SecureRandom random) {
    this.realm = realm;
    this.algorithms = config.digestAlgorithms();
    this.nonceLifetimeMillis = config.nonceLifetime().toMillis();
    this.clock = clock;
    this.nonces = new NonceStore(config.maxNonces(), random);
    this.failures = new FailureLockout(new FailureLockout.Limits(config.maxFailures(), config.failureWindow(),
        config.maxNonces()));
    byte[] filler = new byte[32];
    random.nextBytes(filler);
    this.unknownImpiHa1 = Hex.encode(filler);
  }

  /**
   * The verdict for {@code request}: {@code credentials} are its Digest credentials or null, and
   * {@code client} the address failures are counted against; subscribers come from {@code hss}. The
   * authenticated IMPI must own {@code identity} (a REGISTER's To, an originating request's From).
   */
  AuthorizationVerdict authenticate(SipRequest request, DigestCredentials credentials, String client,
      SubscriberRepository hss, Uri identity) throws SipParseException {
    long now = clock.millis();
    String impi = credentials == null ? null : credentials.username();
    Duration lockedOut = failures.lockedFor(now, impiKey(impi), clientKey(client));
    if (!lockedOut.isZero()) {
      log.debug("Digest: locked out, IMPI {} from {}", impi, client); // the register.refused event says it
      return new AuthorizationVerdict.Refused(403, LOCKED_OUT + ", try again in " + FailureLockout.inWords(lockedOut),
          lockedOut.toSeconds());
    }
    if (credentials == null || !credentials.hasResponse()) {
      return challenge(impi, false, now);
    }
    if (!realm.equals(credentials.realm())) {
      return new AuthorizationVerdict.Refused(403, REALM_MISMATCH);
    }
    String malformed = malformed(request, credentials);
    if (malformed != null) {
      return new AuthorizationVerdict.Refused(400, "Bad Digest credentials: " + malformed);
    }
    NonceStore.IssuedNonce issued = nonces.find(credentials.nonce());
    DigestAlgorithm algorithm = DigestAlgorithm.fromToken(credentials.algorithm());
    if (issued == null || issued.algorithm != algorithm || !Objects.equals(issued.opaque, credentials.opaque())
        || issued.impi != null && !issued.impi.equals(impi)) {
      // Not a nonce we gave this IMPI for this algorithm (or forgotten): a new round, no guess was checked.
      return challenge(impi, false, now);
    }
    Optional<Subscriber> subscriber = hss.findByImpi(impi);
    String storedHa1 = subscriber.map(s -> s.storedHa1(algorithm)).orElse(null);
    boolean correct = matches(request, credentials, algorithm, storedHa1 == null ? unknownImpiHa1 : storedHa1)
        && storedHa1 != null;
    if (!correct) {
      // Unknown IMPI and wrong password look the same from outside: same status, reason and count.
      nonces.forget(issued.nonce);
      failures.failed(now, impiKey(impi), clientKey(client));
      log.debug("Digest: wrong credentials for IMPI {} from {}", impi, client); // register.refused says it
      return new AuthorizationVerdict.Refused(403, WRONG_CREDENTIALS);
    }
    if (now - issued.issuedAtMillis >= nonceLifetimeMillis) {
      nonces.forget(issued.nonce);
      return challenge(impi, true, now); // RFC 7616 §3.3: right password, old nonce
    }
    long nc = Long.parseLong(credentials.nc(), 16);
    if (nc <= issued.highestNc) {
      log.debug("Digest: replayed nonce count for IMPI {} from {}", impi, client);
      return challenge(impi, false, now); // RFC 7616 §3.4 / RFC 2617 §3.2.2: a replay proves nothing
    }
    issued.highestNc = nc;
    issued.impi = impi;
    failures.succeeded(impiKey(impi)); // the client's count stays: one good account does not reset it
    Subscriber s = subscriber.get();
    String impu = s.impuMatching(identity);
    if (impu == null) {
      return new AuthorizationVerdict.Refused(403, RegisterAuthorization.IMPU_NOT_OWNED);
    }
    return new AuthorizationVerdict.Authorized(s, impu);
  }

  /** SCS-01, SCS-02: one challenge per configured algorithm, in order, each with its own nonce. */
  private AuthorizationVerdict challenge(String impiOrNull, boolean stale, long now) {
    String opaque = nonces.opaque();
    List<DigestChallenge> challenges = new ArrayList<>(algorithms.size());
    for (DigestAlgorithm algorithm : algorithms) {
      NonceStore.IssuedNonce issued = nonces.issue(algorithm, impiOrNull, opaque, now);
      challenges.add(DigestChallenge.builder().realm(realm).nonce(issued.nonce).algorithm(algorithm.token())
          .qop(Rfc7616Response.QOP_AUTH).opaque(opaque).stale(stale).build());
    }
    return new AuthorizationVerdict.Challenged(challenges);
  }

  /**
   * RFC 7616 §3.4: what makes the credentials unusable whatever the password, or null. Only
   * {@code qop=auth} is offered, so only it is accepted; {@code uri} must be the Request-URI.
   */
  private static String malformed(SipRequest request, DigestCredentials c) {
    if (c.nonce() == null || c.nonce().isEmpty()) {
      return "nonce missing";
    }
    if (c.qop() == null || !c.qop().equalsIgnoreCase(Rfc7616Response.QOP_AUTH)) {
      return "qop must be auth";
    }
    if (c.nc() == null || !c.nc().matches("[0-9a-fA-F]{8}")) {
      return "nc must be 8 hex digits";
    }
    if (c.cnonce() == null || c.cnonce().isEmpty()) {
      return "cnonce missing";
    }
    try {
      if (c.uri() == null || !Uri.parse(c.uri()).equals(request.requestUri())) {
        return "uri does not match the Request-URI";
      }
    } catch (SipParseException e) {
      return "uri does not match the Request-URI";
    }
    return null;
  }

  /** RFC 7616 §3.4.1, compared in constant time. */
  private static boolean matches(SipRequest request, DigestCredentials c, DigestAlgorithm algorithm, String storedHa1) {
    String ha1 = Rfc7616Response.ha1FromStoredHash(algorithm, storedHa1, c.nonce(), c.cnonce());
    String ha2 = Rfc7616Response.ha2(algorithm, request.method(), c.uri(), c.qop(), null);
    String expected = Rfc7616Response.response(algorithm, ha1, c.nonce(), c.nc(), c.cnonce(), c.qop(), ha2);
    return Rfc7616Response.constantTimeEquals(expected, c.response());
  }

  /** How many nonces are remembered (for tests of the bound). */
  int rememberedNonces() {
    return nonces.size();
  }

  // SCS-03: failures count per IMPI and per client address (RFC 7616 §5.2), in one FailureLockout.
  private static String impiKey(String impi) {
    return impi == null ? null : "impi:" + impi;
  }

  private static String clientKey(String client) {
    return "client:" + client;
  }
}
