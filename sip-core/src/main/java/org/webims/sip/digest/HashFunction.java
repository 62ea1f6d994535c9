package org.webims.sip.digest;

/**
 * RFC 7616 §3.2 H(data): a hash function as Digest uses it, one-shot or fed in pieces.
 *
 * <p>An instance holds state and is not thread-safe; get one per computation from
 * {@link DigestAlgorithm#newHashFunction()} or the constructors. {@link #digest()} resets it, so it
 * can be reused.
 */
public interface HashFunction {

    /** Length of the digest in bytes: 16 for MD5, 32 for SHA-256 and SHA-512/256. */
    int digestLength();

    /** Feeds {@code length} bytes of {@code input} from {@code offset}. */
    void update(byte[] input, int offset, int length);

    /** Feeds all of {@code input}. */
    void update(byte[] input);

    /** Completes the hash of everything fed since the last reset, then resets. */
    byte[] digest();

    /** Feeds {@code input}, completes and resets, like {@code MessageDigest.digest(byte[])}. */
    byte[] digest(byte[] input);

    /** Forgets everything fed since the last digest. */
    void reset();
}
