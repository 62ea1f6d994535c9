package org.webims.sip.digest;

import org.webims.sip.syntax.Utf8;
import org.webims.sip.syntax.SipChars;

/**
 * RFC 7616 §3.4.1-3.4.3: the Digest {@code response} for {@code qop=auth}, {@code qop=auth-int}
 * and no qop (RFC 2069), with HA1 and HA2 as lowercase hex strings.
 *
 * <p>The client computes {@link #compute}; a server that holds H(username:realm:password), as an
 * HSS does, uses {@link #ha1FromStoredHash}, {@link #ha2} and {@link #response}, then
 * {@link #constantTimeEquals}.
 */
public final class Rfc7616Response {

    /** RFC 7616 §3.3 {@code qop} value: authentication only. */
    public static final String QOP_AUTH = "auth";

    /** RFC 7616 §3.3 {@code qop} value: authentication with integrity of the body. */
    public static final String QOP_AUTH_INT = "auth-int";

    private static final byte[] COLON = {':'};

    private Rfc7616Response() {
    }

    /**
     * RFC 7616 §3.4.2 H(A1). {@code nonce} and {@code cnonce} matter only for {@code -sess}
     * algorithms and may be null otherwise.
     */
    public static String ha1(DigestAlgorithm algorithm, String username, String realm, String password,
            String nonce, String cnonce) {
        HashFunction h = algorithm.newHashFunction();
        return ha1FromStoredHash(h, algorithm, hash(h, username, realm, password), nonce, cnonce);
    }

    /**
     * RFC 7616 §3.4.2 H(A1) from a stored H(username:realm:password) (TS 29.228 Digest-HA1):
     * that hash itself, or for {@code -sess} H(storedHa1:nonce:cnonce).
     */
    public static String ha1FromStoredHash(DigestAlgorithm algorithm, String storedHa1, String nonce,
            String cnonce) {
        return ha1FromStoredHash(algorithm.newHashFunction(), algorithm, storedHa1, nonce, cnonce);
    }

    /**
     * RFC 7616 §3.4.3 H(A2): H(method:uri), or for {@code qop=auth-int} H(method:uri:H(body)).
     *
     * @param qop {@code auth}, {@code auth-int} or null (no qop)
     * @param bodyOrNull the message body for {@code auth-int}; null is an empty body
     * @throws IllegalArgumentException if {@code qop} is another value
     */
    public static String ha2(DigestAlgorithm algorithm, String method, String uri, String qop,
            byte[] bodyOrNull) {
        return ha2(algorithm.newHashFunction(), method, uri, qop, bodyOrNull);
    }

    /**
     * RFC 7616 §3.4.1 {@code response}: KD(HA1, nonce:nc:cnonce:qop:HA2), or without qop the
     * RFC 2069 form H(HA1:nonce:HA2), in which {@code nc} and {@code cnonce} are ignored.
     *
     * @throws IllegalArgumentException if {@code qop} is not {@code auth}, {@code auth-int} or null
     */
    public static String response(DigestAlgorithm algorithm, String ha1, String nonce, String nc,
            String cnonce, String qop, String ha2) {
        return response(algorithm.newHashFunction(), ha1, nonce, nc, cnonce, qop, ha2);
    }

    /** RFC 7616 §3.4.1-3.4.3: the {@code response} from all inputs, as a client sends it. */
    public static String compute(DigestAlgorithm algorithm, String username, String realm,
            String password, String method, String uri, String nonce, String nc, String cnonce,
            String qop, byte[] bodyOrNull) {
        // One hash instance serves all steps: digest() resets it.
        HashFunction h = algorithm.newHashFunction();
        String ha1 = ha1FromStoredHash(h, algorithm, hash(h, username, realm, password), nonce, cnonce);
        return response(h, ha1, nonce, nc, cnonce, qop, ha2(h, method, uri, qop, bodyOrNull));
    }

    /**
     * RFC 7616 §3.4 {@code nc}: the nonce count as exactly 8 lowercase hex digits, e.g. {@code 00000001}.
     *
     * @throws IllegalArgumentException unless 0 &lt;= nc &lt;= 0xffffffff
     */
    public static String formatNc(long nc) {
        if (nc < 0 || nc > 0xffffffffL) {
            throw new IllegalArgumentException("nc out of range: " + SipChars.decimal(nc));
        }
        return Hex.encode(new byte[] {(byte) (nc >>> 24), (byte) (nc >>> 16), (byte) (nc >>> 8), (byte) nc});
    }

    /**
     * RFC 7616 §3.4.1, server side: compares the expected response with the received one in time
     * that does not depend on where they differ, so timing tells a forger nothing. Case-sensitive,
     * as LHEX is lowercase; false if either is null or the lengths differ.
     */
    public static boolean constantTimeEquals(String expected, String received) {
        if (expected == null || received == null || expected.length() != received.length()) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < expected.length(); i++) {
            difference |= expected.charAt(i) ^ received.charAt(i);
        }
        return difference == 0;
    }

    private static String ha1FromStoredHash(HashFunction h, DigestAlgorithm algorithm, String storedHa1,
            String nonce, String cnonce) {
        if (!algorithm.isSession()) {
            return storedHa1;
        }
        if (nonce == null || cnonce == null) {
            throw new IllegalArgumentException(algorithm.token() + " needs nonce and cnonce");
        }
        return hash(h, storedHa1, nonce, cnonce);
    }

    private static String ha2(HashFunction h, String method, String uri, String qop, byte[] bodyOrNull) {
        if (!isAuthInt(qop)) {
            return hash(h, method, uri);
        }
        String bodyHash = Hex.encode(h.digest(bodyOrNull == null ? new byte[0] : bodyOrNull));
        return hash(h, method, uri, bodyHash);
    }

    private static String response(HashFunction h, String ha1, String nonce, String nc, String cnonce,
            String qop, String ha2) {
        if (qop == null) {
            return hash(h, ha1, nonce, ha2);
        }
        isAuthInt(qop); // rejects a qop RFC 7616 does not define, as ha2 does
        return hash(h, ha1, nonce, nc, cnonce, qop, ha2);
    }

    /** True for auth-int, false for auth or no qop; RFC 7616 §3.3 defines no other value. */
    private static boolean isAuthInt(String qop) {
        if (qop == null || SipChars.equalsIgnoreCase(qop, QOP_AUTH)) {
            return false;
        }
        if (SipChars.equalsIgnoreCase(qop, QOP_AUTH_INT)) {
            return true;
        }
        throw new IllegalArgumentException("unsupported qop: " + qop);
    }

    /** RFC 7616 §3.4 H(part1:part2:...) of the UTF-8 bytes, in lowercase hex. */
    private static String hash(HashFunction h, String... parts) {
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                h.update(COLON);
            }
            h.update(Utf8.encode(parts[i]));
        }
        return Hex.encode(h.digest());
    }
}
