package org.webims.ims.hss;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.webims.sip.SipParseException;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.uri.Uri;

/**
 * An IMS subscription as the HSS holds it (TS 29.228 §3, TS 23.228 §4.3.3): one private identity,
 * its public identities with the default IMPU first (the implicit registration set), the Digest
 * secret as H(username:realm:password) per hash function, and the "Allowed WAF and/or WWSF
 * identities" (SCS-06). The password itself is never kept.
 *
 * @param impi the private user identity, the Digest {@code username}
 * @param realm the Digest realm the stored H(A1) values were computed with
 * @param impus the public user identities, default first; never empty
 * @param ha1ByHash H(A1) in lowercase hex, keyed by the non-session algorithm token ({@code MD5},
 *     {@code SHA-256}, {@code SHA-512-256})
 * @param allowedWafIdentities WAF/WWSF identities allowed to vouch for this subscriber; empty allows any
 */
public record Subscriber(String impi, String realm, List<String> impus, Map<String, String> ha1ByHash,
    List<String> allowedWafIdentities) {

  /** The hash functions an H(A1) is stored for: RFC 8760 SHA-256 and SHA-512/256, and MD5. */
  public static final List<DigestAlgorithm> STORED_HASHES =
      List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512_256);

  public Subscriber {
    if (impi == null || impi.isBlank()) {
      throw new IllegalArgumentException("impi is required");
    }
    if (realm == null || realm.isBlank()) {
      throw new IllegalArgumentException("realm is required for " + impi);
    }
    if (impus == null || impus.isEmpty()) {
      throw new IllegalArgumentException("at least one IMPU is required for " + impi);
    }
    impus = List.copyOf(impus);
    ha1ByHash = Map.copyOf(ha1ByHash == null ? Map.of() : ha1ByHash);
    allowedWafIdentities = List.copyOf(allowedWafIdentities == null ? List.of() : allowedWafIdentities);
  }

  /** A subscriber whose H(A1) values are computed from {@code password} for every stored hash. */
  public static Subscriber withPassword(String impi, String realm, List<String> impus, String password,
      List<String> allowedWafIdentities) {
    Map<String, String> ha1 = new TreeMap<>();
    for (DigestAlgorithm algorithm : STORED_HASHES) {
      ha1.put(algorithm.token(), Rfc7616Response.ha1(algorithm, impi, realm, password, null, null));
    }
    return new Subscriber(impi, realm, impus, ha1, allowedWafIdentities);
  }

  /** The default public identity (TS 24.229: the first P-Associated-URI). */
  public String defaultImpu() {
    return impus.get(0);
  }

  /**
   * The stored IMPU equal to {@code uri} under the URI comparison rules (RFC 3261 §19.1.4, RFC 3966
   * §4), or null when the identity does not belong to this subscription.
   */
  public String impuMatching(Uri uri) {
    for (String impu : impus) {
      try {
        if (Uri.parse(impu).equals(uri)) {
          return impu;
        }
      } catch (SipParseException e) {
        // An unparsable stored IMPU matches nothing; the seed loader rejects them, so this is legacy data.
      }
    }
    return null;
  }

  /**
   * SCS-06, SCS-06a: true when {@code wafIdentity} may vouch for this subscriber. An empty allowed
   * list means any WAF is allowed, also none named (null); a non-empty list allows only the WAFs it
   * names, so null is refused. Comparison ignores ASCII case (identities are host names).
   */
  public boolean allowsWaf(String wafIdentity) {
    if (allowedWafIdentities.isEmpty()) {
      return true;
    }
    if (wafIdentity == null) {
      return false;
    }
    for (String allowed : allowedWafIdentities) {
      if (allowed.equalsIgnoreCase(wafIdentity)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The stored H(username:realm:password) for {@code algorithm}'s hash function (the {@code -sess}
   * variants derive from it), or null when none is stored.
   */
  public String storedHa1(DigestAlgorithm algorithm) {
    String token = algorithm.token();
    return ha1ByHash.get(algorithm.isSession() ? token.substring(0, token.length() - "-sess".length()) : token);
  }

  /** Identity only: the record holds secrets. */
  @Override
  public String toString() {
    return "Subscriber[" + impi + ", " + impus + "]";
  }
}
