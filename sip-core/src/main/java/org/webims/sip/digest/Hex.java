package org.webims.sip.digest;

/** RFC 7616 §3.4 LHEX: lowercase hexadecimal, as Digest hashes and {@code nc} go on the wire. */
public final class Hex {

    private static final char[] DIGITS = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f',
    };

    private Hex() {
    }

    /** Two lowercase hex digits per byte, most significant nibble first. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >>> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
