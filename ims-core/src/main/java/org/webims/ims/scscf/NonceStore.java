package org.webims.ims.scscf;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Hex;

/**
 * RFC 7616 §3.3 / §5.4 (SCS-02): the nonces this S-CSCF issued, each with its issue time, algorithm,
 * IMPI and the highest {@code nc} seen, so a response can be checked for freshness and replay. At
 * most {@code capacity} are kept; the oldest issued is forgotten first. Used on the SIP event loop
 * only, like the {@link Registrar}.
 */
final class NonceStore {

  /** 128 bits from a SecureRandom (RFC 7616 §5.4: a nonce must be unpredictable). */
  static final int NONCE_BYTES = 16;
  static final int OPAQUE_BYTES = 8;

  private final int capacity;
  private final SecureRandom random;
  private final Map<String, IssuedNonce> byNonce;

  /** A nonce as issued; {@code impi} and {@code highestNc} change as responses are accepted. */
  static final class IssuedNonce {
    final String nonce;
    final DigestAlgorithm algorithm;
    final String opaque;
    final long issuedAtMillis;
    /** The IMPI it was issued to or first accepted for; null when the challenged REGISTER named none. */
    String impi;
    /** The highest nonce count accepted, 0 before the first (RFC 7616 §3.4: nc starts at 1). */
    long highestNc;

    IssuedNonce(String nonce, DigestAlgorithm algorithm, String opaque, long issuedAtMillis, String impi) {
      this.nonce = nonce;
      this.algorithm = algorithm;
      this.opaque = opaque;
      this.issuedAtMillis = issuedAtMillis;
      this.impi = impi;
    }
  }

  NonceStore(int capacity, SecureRandom random) {
    this.capacity = capacity;
    this.random = random;
    this.byNonce = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, IssuedNonce> eldest) {
        return size() > NonceStore.this.capacity;
      }
    };
  }

  /** A fresh nonce for {@code algorithm}, remembered from {@code nowMillis}. */
  IssuedNonce issue(DigestAlgorithm algorithm, String impiOrNull, String opaque, long nowMillis) {
    String nonce;
    do {
      nonce = randomHex(NONCE_BYTES);
    } while (byNonce.containsKey(nonce));
    IssuedNonce issued = new IssuedNonce(nonce, algorithm, opaque, nowMillis, impiOrNull);
    byNonce.put(nonce, issued);
    return issued;
  }

  /** A fresh opaque value, shared by the challenges of one 401 (RFC 7616 §3.3). */
  String opaque() {
    return randomHex(OPAQUE_BYTES);
  }

  /** The issued nonce with this value, or null when it was never issued or has been forgotten. */
  IssuedNonce find(String nonce) {
    return nonce == null ? null : byNonce.get(nonce);
  }

  void forget(String nonce) {
    byNonce.remove(nonce);
  }

  int size() {
    return byNonce.size();
  }

  private String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Hex.encode(b);
  }
}
