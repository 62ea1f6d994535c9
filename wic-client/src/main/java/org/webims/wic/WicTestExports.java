package org.webims.wic;

import org.teavm.jso.JSExport;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Hex;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.syntax.Utf8;

/**
 * Test-only exports, compiled by a second TeaVM execution into {@code target/wic-test/wic-test.js}
 * (never into the shipped {@code wic.js}): {@code WicJsSmokeTest} compares the compiled Digest and
 * hashes with the JVM through them.
 */
public final class WicTestExports {

    private WicTestExports() {
    }

    /** The RFC 7616 §3.4.1 response; algorithm is a wire token such as {@code SHA-256}. */
    @JSExport
    public static String wicDigestResponse(String algorithm, String username, String realm, String password,
            String method, String uri, String nonce, String nc, String cnonce, String qop) {
        DigestAlgorithm alg = DigestAlgorithm.fromToken(algorithm);
        if (alg == null) {
            return "unsupported algorithm";
        }
        return Rfc7616Response.compute(alg, username, realm, password, method, uri, nonce, nc, cnonce, qop, null);
    }

    /** Lower-case hex of the algorithm's hash of the UTF-8 text; lets tests compare JS with the JVM. */
    @JSExport
    public static String wicHash(String algorithm, String text) {
        DigestAlgorithm alg = DigestAlgorithm.fromToken(algorithm);
        if (alg == null) {
            return "unsupported algorithm";
        }
        return Hex.encode(alg.newHashFunction().digest(Utf8.encode(text)));
    }

    /** The version, as {@code wic.js} has it. */
    @JSExport
    public static String wicVersion() {
        return WicVersion.VERSION;
    }
}
