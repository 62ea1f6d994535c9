package org.webims.sip.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The JDK's MessageDigest as the reference the plain-Java hashes are checked against. */
final class JdkDigest {

    private JdkDigest() {
    }

    static String jdkName(DigestAlgorithm algorithm) {
        switch (algorithm) {
            case MD5:
            case MD5_SESS:
                return "MD5";
            case SHA_256:
            case SHA_256_SESS:
                return "SHA-256";
            default:
                return "SHA-512/256";
        }
    }

    static byte[] digest(String jdkName, byte[] input) {
        try {
            return MessageDigest.getInstance(jdkName).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** H(s) in lowercase hex, by string concatenation: the RFC 7616 formulas written the naive way. */
    static String h(DigestAlgorithm algorithm, String s) {
        return HexFormat.of().formatHex(digest(jdkName(algorithm), s.getBytes(StandardCharsets.UTF_8)));
    }
}
