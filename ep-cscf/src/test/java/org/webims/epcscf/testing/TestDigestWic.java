package org.webims.epcscf.testing;

import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/**
 * The WIC's side of scenario 1 (WIC-20..25, checklist §5.3, §5.4): the first REGISTER's empty
 * Digest credentials and the answer to a challenge, computed with sip-core's {@link Rfc7616Response}.
 */
public final class TestDigestWic {

  public static final String IMPI = "alice_private@ims.example.net";
  public static final String PASSWORD = "s3cret-webrtc";
  public static final String REALM = "ims.example.net";
  /** The Request-URI of {@link TestMessages#register}, hence the Digest {@code uri}. */
  public static final String URI = "sip:ims.example.net";
  public static final String CNONCE = "0a4f113b";

  private TestDigestWic() {
  }

  /** WIC-20: {@code Digest username=<IMPI>, ..., response=""}. */
  public static String emptyResponse() {
    return DigestCredentials.builder().username(IMPI).realm(REALM).nonce("").uri(URI).response("").build().toString();
  }

  /** The challenge of a 401 for {@code algorithm}. */
  public static DigestChallenge challenge(SipResponse unauthorized, DigestAlgorithm algorithm) throws SipParseException {
    for (AuthValue value : unauthorized.authValues(HeaderNames.WWW_AUTHENTICATE)) {
      DigestChallenge c = DigestChallenge.from(value);
      if (DigestAlgorithm.fromToken(c.algorithm()) == algorithm) {
        return c;
      }
    }
    throw new AssertionError("no " + algorithm.token() + " challenge in " + unauthorized);
  }

  /** RFC 7616 §3.4 credentials answering {@code challenge} with {@code password} and nonce count {@code nc}. */
  public static String answer(DigestChallenge challenge, String password, long nc) {
    DigestAlgorithm algorithm = DigestAlgorithm.fromToken(challenge.algorithm());
    String ncValue = Rfc7616Response.formatNc(nc);
    String response = Rfc7616Response.compute(algorithm, IMPI, challenge.realm(), password, "REGISTER", URI,
        challenge.nonce(), ncValue, CNONCE, Rfc7616Response.QOP_AUTH, null);
    return DigestCredentials.builder().username(IMPI).realm(challenge.realm()).nonce(challenge.nonce()).uri(URI)
        .response(response).algorithm(algorithm.token()).cnonce(CNONCE).opaque(challenge.opaque())
        .qop(Rfc7616Response.QOP_AUTH).nc(ncValue).build().toString();
  }
}
