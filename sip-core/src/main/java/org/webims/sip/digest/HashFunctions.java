package org.webims.sip.digest;

/**
 * The hash functions behind {@link DigestAlgorithm#newHashFunction()}, in a class of their own so that a build
 * can put another in its place: the browser's {@code wic.js} compiles {@code BrowserHashFunctions} instead
 * (wic-client, a TeaVM class substitution), which has no SHA-512/256 (docs/wic.md "Size"). On the JVM every
 * hash is here.
 */
public final class HashFunctions {

    /** RFC 1321 MD5. */
    public static final int MD5 = 0;
    /** FIPS 180-4 SHA-256. */
    public static final int SHA_256 = 1;
    /** FIPS 180-4 SHA-512/256 (RFC 8760). */
    public static final int SHA_512_256 = 2;

    private HashFunctions() {
    }

    /** A fresh instance of {@code hash} ({@link #MD5}, {@link #SHA_256}, {@link #SHA_512_256}); never null here. */
    public static HashFunction of(int hash) {
        switch (hash) {
            case MD5:
                return new Md5();
            case SHA_256:
                return new Sha256();
            default:
                return new Sha512t256();
        }
    }
}
