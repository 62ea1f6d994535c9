package org.webims.sip.digest;

import org.webims.sip.syntax.SipChars;

/**
 * RFC 7616 §3.3 / RFC 8760 §2: the Digest {@code algorithm} values, each naming a hash function and
 * whether HA1 is bound to the nonce and cnonce ({@code -sess}).
 */
public enum DigestAlgorithm {
    MD5("MD5", HashFunctions.MD5, false),
    MD5_SESS("MD5-sess", HashFunctions.MD5, true),
    SHA_256("SHA-256", HashFunctions.SHA_256, false),
    SHA_256_SESS("SHA-256-sess", HashFunctions.SHA_256, true),
    SHA_512_256("SHA-512-256", HashFunctions.SHA_512_256, false),
    SHA_512_256_SESS("SHA-512-256-sess", HashFunctions.SHA_512_256, true);

    // values() copies its array on every call; fromToken runs once per Authorization header.
    private static final DigestAlgorithm[] ALL = values();

    private final String token;
    private final int hash;
    private final boolean session;

    DigestAlgorithm(String token, int hash, boolean session) {
        this.token = token;
        this.hash = hash;
        this.session = session;
    }

    /** The value as written in {@code algorithm=}, e.g. {@code SHA-512-256-sess}. */
    public String token() {
        return token;
    }

    /** True for the {@code -sess} variants (RFC 7616 §3.4.2). */
    public boolean isSession() {
        return session;
    }

    /**
     * A fresh instance of this algorithm's hash function; instances are not thread-safe. Null when this build has
     * no such hash: never on the JVM; in the browser's {@code wic.js} for SHA-512/256 ({@link HashFunctions}).
     */
    public HashFunction newHashFunction() {
        return HashFunctions.of(hash);
    }

    /**
     * RFC 7616 §3.3: the algorithm named by {@code token}, compared case-insensitively; null when
     * the token is null or unknown, so a caller can skip a challenge it cannot answer (RFC 8760 §2).
     */
    public static DigestAlgorithm fromToken(String token) {
        if (token == null) {
            return null;
        }
        for (DigestAlgorithm algorithm : ALL) {
            if (SipChars.equalsIgnoreCase(algorithm.token, token)) {
                return algorithm;
            }
        }
        return null;
    }
}
