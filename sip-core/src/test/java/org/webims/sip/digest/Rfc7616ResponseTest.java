package org.webims.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webims.sip.digest.DigestAlgorithm.MD5;
import static org.webims.sip.digest.DigestAlgorithm.SHA_256;
import static org.webims.sip.digest.DigestAlgorithm.SHA_256_SESS;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Rfc7616ResponseTest {

    // Conformance checklist 5.4: REGISTER with Digest response, WIC -> eP-CSCF.
    private static final String IMS_USERNAME = "alice_private@ims.example.net";
    private static final String IMS_REALM = "ims.example.net";
    private static final String IMS_PASSWORD = "s3cret-webrtc";
    private static final String IMS_URI = "sip:ims.example.net";
    private static final String IMS_NONCE = "5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c";
    private static final String IMS_CNONCE = "0a4f113b";

    // RFC 7616 §3.9.1.
    private static final String RFC7616_REALM = "http-auth@example.org";
    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    // RFC 2617 §3.5.
    private static final String RFC2617_REALM = "testrealm@host.com";
    private static final String RFC2617_NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

    private static final byte[] BODY = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n".getBytes(StandardCharsets.UTF_8);

    private static String imsResponse(DigestAlgorithm algorithm) {
        return Rfc7616Response.compute(algorithm, IMS_USERNAME, IMS_REALM, IMS_PASSWORD, "REGISTER", IMS_URI,
                IMS_NONCE, "00000001", IMS_CNONCE, "auth", null);
    }

    private static String rfc7616Response(DigestAlgorithm algorithm) {
        return Rfc7616Response.compute(algorithm, "Mufasa", RFC7616_REALM, "Circle of Life", "GET",
                "/dir/index.html", RFC7616_NONCE, "00000001", RFC7616_CNONCE, "auth", null);
    }

    /** RFC 7616 §3.4.1-3.4.3 written the naive way, on the JDK's MessageDigest. */
    private static String reference(DigestAlgorithm algorithm, String username, String realm, String password,
            String method, String uri, String nonce, String nc, String cnonce, String qop, byte[] body) {
        String ha1 = JdkDigest.h(algorithm, username + ":" + realm + ":" + password);
        if (algorithm.isSession()) {
            ha1 = JdkDigest.h(algorithm, ha1 + ":" + nonce + ":" + cnonce);
        }
        String a2 = method + ":" + uri;
        if ("auth-int".equals(qop)) {
            byte[] entity = body == null ? new byte[0] : body;
            a2 += ":" + HexFormat.of().formatHex(JdkDigest.digest(JdkDigest.jdkName(algorithm), entity));
        }
        String ha2 = JdkDigest.h(algorithm, a2);
        if (qop == null) {
            return JdkDigest.h(algorithm, ha1 + ":" + nonce + ":" + ha2);
        }
        return JdkDigest.h(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    @Test
    void sha256ResponseReproducesTheConformanceChecklistRegister() {
        assertThat(imsResponse(SHA_256))
                .isEqualTo("184a6ce536be2bb86580e428b53a5142a64a9f55176929b6bd29b03319a5d49a");
    }

    @Test
    void md5ResponseReproducesTheConformanceChecklistValue() {
        assertThat(imsResponse(MD5)).isEqualTo("cb26142a5d7f13150e112cd1c6da6e7b");
    }

    @Test
    void md5ResponseReproducesTheRfc7616Example() {
        assertThat(rfc7616Response(MD5)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void sha256ResponseReproducesTheRfc7616Example() {
        assertThat(rfc7616Response(SHA_256))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void md5ResponseReproducesTheRfc2617Example() {
        assertThat(Rfc7616Response.compute(MD5, "Mufasa", RFC2617_REALM, "Circle Of Life", "GET",
                "/dir/index.html", RFC2617_NONCE, "00000001", "0a4f113b", "auth", null))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void withoutQopTheResponseIsTheRfc2069FormIgnoringNcAndCnonce() {
        String response = Rfc7616Response.compute(MD5, "Mufasa", RFC2617_REALM, "Circle Of Life", "GET",
                "/dir/index.html", RFC2617_NONCE, "ignored", "ignored", null, null);
        assertThat(response).isEqualTo("670fd8c2df070c60b045671b8b24ff02");
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void computeMatchesTheNaiveFormulaForEveryAlgorithmAndQop(DigestAlgorithm algorithm) {
        for (String qop : new String[] {null, "auth", "auth-int"}) {
            assertThat(Rfc7616Response.compute(algorithm, IMS_USERNAME, IMS_REALM, IMS_PASSWORD, "INVITE",
                    "sip:bob@ims.example.net", IMS_NONCE, "0000002a", IMS_CNONCE, qop, BODY))
                    .as("qop %s", qop)
                    .isEqualTo(reference(algorithm, IMS_USERNAME, IMS_REALM, IMS_PASSWORD, "INVITE",
                            "sip:bob@ims.example.net", IMS_NONCE, "0000002a", IMS_CNONCE, qop, BODY));
        }
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void stepsComposeToTheSameResponseAsCompute(DigestAlgorithm algorithm) {
        String ha1 = Rfc7616Response.ha1(algorithm, IMS_USERNAME, IMS_REALM, IMS_PASSWORD, IMS_NONCE, IMS_CNONCE);
        String ha2 = Rfc7616Response.ha2(algorithm, "MESSAGE", IMS_URI, "auth-int", BODY);
        assertThat(Rfc7616Response.response(algorithm, ha1, IMS_NONCE, "00000003", IMS_CNONCE, "auth-int", ha2))
                .isEqualTo(Rfc7616Response.compute(algorithm, IMS_USERNAME, IMS_REALM, IMS_PASSWORD, "MESSAGE",
                        IMS_URI, IMS_NONCE, "00000003", IMS_CNONCE, "auth-int", BODY));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void ha1FromStoredHashEqualsHa1FromThePassword(DigestAlgorithm algorithm) {
        String stored = JdkDigest.h(algorithm, IMS_USERNAME + ":" + IMS_REALM + ":" + IMS_PASSWORD);
        assertThat(Rfc7616Response.ha1FromStoredHash(algorithm, stored, IMS_NONCE, IMS_CNONCE))
                .isEqualTo(Rfc7616Response.ha1(algorithm, IMS_USERNAME, IMS_REALM, IMS_PASSWORD, IMS_NONCE,
                        IMS_CNONCE));
    }

    @Test
    void ha1OfANonSessionAlgorithmIgnoresNonceAndCnonce() {
        assertThat(Rfc7616Response.ha1(SHA_256, IMS_USERNAME, IMS_REALM, IMS_PASSWORD, null, null))
                .isEqualTo(JdkDigest.h(SHA_256, IMS_USERNAME + ":" + IMS_REALM + ":" + IMS_PASSWORD));
    }

    @Test
    void sessAlgorithmWithoutCnonceIsRejected() {
        assertThatThrownBy(() -> Rfc7616Response.ha1(SHA_256_SESS, IMS_USERNAME, IMS_REALM, IMS_PASSWORD,
                IMS_NONCE, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256-sess");
    }

    @Test
    void authIntWithoutBodyHashesTheEmptyBody() {
        assertThat(Rfc7616Response.ha2(SHA_256, "REGISTER", IMS_URI, "auth-int", null))
                .isEqualTo(Rfc7616Response.ha2(SHA_256, "REGISTER", IMS_URI, "auth-int", new byte[0]))
                .isEqualTo(JdkDigest.h(SHA_256, "REGISTER:" + IMS_URI + ":" + JdkDigest.h(SHA_256, "")));
    }

    @Test
    void authAndNoQopLeaveTheBodyOutOfHa2() {
        String expected = JdkDigest.h(MD5, "REGISTER:" + IMS_URI);
        assertThat(Rfc7616Response.ha2(MD5, "REGISTER", IMS_URI, "auth", BODY)).isEqualTo(expected);
        assertThat(Rfc7616Response.ha2(MD5, "REGISTER", IMS_URI, null, BODY)).isEqualTo(expected);
    }

    @Test
    void nonAsciiUsernameIsHashedAsUtf8() {
        String username = "J\u00e4s\u00f8n Doe";
        assertThat(Rfc7616Response.ha1(SHA_256, username, "api@example.org", "Secret, or not?", null, null))
                .isEqualTo(JdkDigest.h(SHA_256, username + ":api@example.org:Secret, or not?"));
    }

    @Test
    void unknownQopIsRejected() {
        assertThatThrownBy(() -> Rfc7616Response.ha2(MD5, "REGISTER", IMS_URI, "auth-conf", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auth-conf");
        assertThatThrownBy(() -> Rfc7616Response.response(MD5, "a", IMS_NONCE, "00000001", IMS_CNONCE, "x", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatNcGivesEightLowercaseHexDigits() {
        assertThat(Rfc7616Response.formatNc(1)).isEqualTo("00000001");
        assertThat(Rfc7616Response.formatNc(0)).isEqualTo("00000000");
        assertThat(Rfc7616Response.formatNc(0xabcdefL)).isEqualTo("00abcdef");
        assertThat(Rfc7616Response.formatNc(0xffffffffL)).isEqualTo("ffffffff");
    }

    @Test
    void formatNcRejectsValuesOutsideThirtyTwoBits() {
        assertThatThrownBy(() -> Rfc7616Response.formatNc(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc7616Response.formatNc(0x100000000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantTimeEqualsAcceptsOnlyTheIdenticalString() {
        String expected = imsResponse(SHA_256);
        assertThat(Rfc7616Response.constantTimeEquals(expected, new String(expected))).isTrue();
        assertThat(Rfc7616Response.constantTimeEquals(expected, expected.substring(0, 63) + "b")).isFalse();
        assertThat(Rfc7616Response.constantTimeEquals(expected, "0" + expected.substring(1))).isFalse();
        assertThat(Rfc7616Response.constantTimeEquals(expected, expected.substring(0, 32))).isFalse();
        assertThat(Rfc7616Response.constantTimeEquals(expected, expected.toUpperCase())).isFalse();
        assertThat(Rfc7616Response.constantTimeEquals(expected, null)).isFalse();
        assertThat(Rfc7616Response.constantTimeEquals(null, expected)).isFalse();
    }
}
