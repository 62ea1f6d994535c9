package org.webims.wic;

/**
 * Checks, run inside the browser build, that the plain Java the SIP codec relies on (string scanning,
 * decimal and hex conversion, 32-bit integer overflow, ASCII case folding) behaves as on the JVM.
 * A TeaVM upgrade that broke one of them would show here before it shows as a failed REGISTER.
 */
final class WicSelfTest {

    static final String OK = "ok";

    private WicSelfTest() {
    }

    static String run() {
        String line = "Content-Length: 349";
        int colon = line.indexOf(':');
        if (colon != 14 || !"Content-Length".equals(line.substring(0, colon))) {
            return fail("indexOf/substring");
        }
        if (Integer.parseInt(line.substring(colon + 1).trim()) != 349) {
            return fail("parseInt");
        }
        if (!"content-length".equals(line.substring(0, colon).toLowerCase())) {
            return fail("toLowerCase");
        }
        int max = Integer.parseInt("2147483647");
        if (!"7fffffff".equals(Integer.toHexString(max)) || max + 1 != Integer.MIN_VALUE) {
            return fail("int overflow");
        }
        if (!"0a1bff".equals(hex(new byte[] {0x0a, 0x1b, (byte) 0xff}))) {
            return fail("hex");
        }
        return OK;
    }

    /** Lower-case hex as Digest (RFC 7616) writes hashes; no String.format, which costs ~50 kB gzip. */
    static String hex(byte[] bytes) {
        char[] digits = "0123456789abcdef".toCharArray();
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(digits[(b >> 4) & 0xf]).append(digits[b & 0xf]);
        }
        return out.toString();
    }

    private static String fail(String check) {
        return "fail: " + check;
    }
}
