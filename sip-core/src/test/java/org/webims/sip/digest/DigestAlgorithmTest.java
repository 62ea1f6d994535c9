package org.webims.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DigestAlgorithmTest {

    @Test
    void tokensAreTheRfc7616AndRfc8760WireValues() {
        assertThat(DigestAlgorithm.values()).extracting(DigestAlgorithm::token).containsExactly(
                "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess");
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void fromTokenFindsEachAlgorithmIgnoringCase(DigestAlgorithm algorithm) {
        assertThat(DigestAlgorithm.fromToken(algorithm.token())).isSameAs(algorithm);
        assertThat(DigestAlgorithm.fromToken(algorithm.token().toLowerCase())).isSameAs(algorithm);
        assertThat(DigestAlgorithm.fromToken(algorithm.token().toUpperCase())).isSameAs(algorithm);
    }

    @Test
    void fromTokenReturnsNullForUnknownOrMissingTokens() {
        assertThat(DigestAlgorithm.fromToken(null)).isNull();
        assertThat(DigestAlgorithm.fromToken("")).isNull();
        assertThat(DigestAlgorithm.fromToken("AKAv1-MD5")).isNull();
        assertThat(DigestAlgorithm.fromToken("SHA-512")).isNull();
        assertThat(DigestAlgorithm.fromToken("SHA-512/256")).isNull();
        assertThat(DigestAlgorithm.fromToken("SHA-256 ")).isNull();
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void sessionIsTrueExactlyForTheSessVariants(DigestAlgorithm algorithm) {
        assertThat(algorithm.isSession()).isEqualTo(algorithm.token().endsWith("-sess"));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void newHashFunctionIsTheNamedHash(DigestAlgorithm algorithm) {
        byte[] input = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(algorithm.newHashFunction().digest(input))
                .isEqualTo(JdkDigest.digest(JdkDigest.jdkName(algorithm), input));
    }

    @Test
    void newHashFunctionGivesAFreshInstanceEachTime() {
        assertThat(DigestAlgorithm.SHA_256.newHashFunction()).isNotSameAs(DigestAlgorithm.SHA_256.newHashFunction());
    }
}
