package org.webims.ims.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.webims.ims.config.ImsProperties;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/**
 * The WIC's side of a SIP Digest round (checklist §5.3, §5.4) as the S-CSCF receives it from the
 * eP-CSCF: the empty-response first REGISTER and the answer to a challenge, computed with sip-core's
 * {@link Rfc7616Response}.
 */
public final class TestDigest {

  /** The Request-URI of {@link TestRegisters}, hence the Digest {@code uri}. */
  public static final String URI = "sip:ims.example.net";
  public static final String CNONCE = "0a4f113b";

  private TestDigest() {
  }

  /** The defaults of {@code webims.ims.digest.*} with the algorithms given, in order. */
  public static ImsProperties.Digest config(String... algorithms) {
    return new ImsProperties.Digest(List.of(algorithms), Duration.ofMinutes(5), 100_000, 5, Duration.ofMinutes(5));
  }

  public static ImsProperties.Digest defaults() {
    return config("SHA-512-256", "SHA-256", "MD5");
  }

  /** WIC-20 / EPC-11, EPC-12: credentials with an empty response; {@code integrityProtected} may be null. */
  public static String emptyResponse(String impi, String integrityProtected) {
    return DigestCredentials.builder().username(impi).realm(TestSubscribers.REALM).nonce("").uri(URI).response("")
        .integrityProtected(integrityProtected).build().toString();
  }

  /** The challenges of a 401, in order. */
  public static List<DigestChallenge> challenges(SipResponse unauthorized) throws SipParseException {
    List<DigestChallenge> out = new ArrayList<>();
    for (AuthValue value : unauthorized.authValues(HeaderNames.WWW_AUTHENTICATE)) {
      out.add(DigestChallenge.from(value));
    }
    return out;
  }

  /** The challenge of a 401 for {@code algorithm}. */
  public static DigestChallenge challenge(SipResponse unauthorized, DigestAlgorithm algorithm) throws SipParseException {
    for (DigestChallenge c : challenges(unauthorized)) {
      if (DigestAlgorithm.fromToken(c.algorithm()) == algorithm) {
        return c;
      }
    }
    throw new AssertionError("no " + algorithm.token() + " challenge in " + unauthorized);
  }

  /** RFC 7616 §3.4 credentials answering {@code challenge} with {@code password} and nonce count {@code nc}. */
  public static String answer(DigestChallenge challenge, String impi, String password, long nc,
      String integrityProtected) {
    DigestAlgorithm algorithm = DigestAlgorithm.fromToken(challenge.algorithm());
    String ncValue = Rfc7616Response.formatNc(nc);
    String response = Rfc7616Response.compute(algorithm, impi, challenge.realm(), password, "REGISTER", URI,
        challenge.nonce(), ncValue, CNONCE, Rfc7616Response.QOP_AUTH, null);
    return DigestCredentials.builder().username(impi).realm(challenge.realm()).nonce(challenge.nonce()).uri(URI)
        .response(response).algorithm(algorithm.token()).cnonce(CNONCE).opaque(challenge.opaque())
        .qop(Rfc7616Response.QOP_AUTH).nc(ncValue).integrityProtected(integrityProtected).build().toString();
  }
}
