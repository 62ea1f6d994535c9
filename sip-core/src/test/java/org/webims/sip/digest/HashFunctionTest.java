package org.webims.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HashFunctionTest {

    private static final int[] BLOCK_BOUNDARIES = {
        0, 1, 55, 56, 57, 63, 64, 65, 111, 112, 113, 119, 120, 127, 128, 129, 191, 192, 255, 256, 257,
    };

    static Stream<Arguments> hashes() {
        return Stream.of(
                Arguments.of("MD5", (Supplier<HashFunction>) Md5::new),
                Arguments.of("SHA-256", (Supplier<HashFunction>) Sha256::new),
                Arguments.of("SHA-512/256", (Supplier<HashFunction>) Sha512t256::new));
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void assertMatchesJdk(String jdkName, HashFunction h, byte[] input) {
        assertThat(h.digest(input)).as("length %d", input.length).isEqualTo(JdkDigest.digest(jdkName, input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void matchesJdkForEveryLengthUpTo300(String jdkName, Supplier<HashFunction> hash) {
        Random random = new Random(24371);
        HashFunction h = hash.get();
        for (int length = 0; length <= 300; length++) {
            assertMatchesJdk(jdkName, h, randomBytes(random, length));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void matchesJdkAtBlockBoundaries(String jdkName, Supplier<HashFunction> hash) {
        Random random = new Random(7616);
        for (int length : BLOCK_BOUNDARIES) {
            assertMatchesJdk(jdkName, hash.get(), randomBytes(random, length));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void matchesJdkForRandomInputsUpToEightKilobytes(String jdkName, Supplier<HashFunction> hash) {
        Random random = new Random(8760);
        HashFunction h = hash.get();
        for (int i = 0; i < 300; i++) {
            assertMatchesJdk(jdkName, h, randomBytes(random, random.nextInt(8193)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void matchesJdkWhenFedInPiecesSplitAtOddOffsets(String jdkName, Supplier<HashFunction> hash) {
        Random random = new Random(1321);
        HashFunction h = hash.get();
        for (int i = 0; i < 300; i++) {
            byte[] input = randomBytes(random, random.nextInt(1200));
            int offset = 0;
            while (offset < input.length) {
                // Pieces of 0..130 bytes cross block boundaries at every alignment, empty pieces included.
                int length = Math.min(random.nextInt(131), input.length - offset);
                h.update(input, offset, length);
                offset += length;
            }
            assertThat(h.digest()).as("length %d", input.length).isEqualTo(JdkDigest.digest(jdkName, input));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void readsOnlyTheGivenSliceOfALargerArray(String jdkName, Supplier<HashFunction> hash) {
        byte[] array = randomBytes(new Random(3261), 400);
        HashFunction h = hash.get();
        h.update(array, 3, 1);
        h.update(array, 4, 200);
        h.update(array, 204, 93);
        byte[] slice = new byte[294];
        System.arraycopy(array, 3, slice, 0, 294);
        assertThat(h.digest()).isEqualTo(JdkDigest.digest(jdkName, slice));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void digestResetsSoTheInstanceHashesTheNextInputAfresh(String jdkName, Supplier<HashFunction> hash) {
        HashFunction h = hash.get();
        h.update("first".getBytes(StandardCharsets.UTF_8));
        h.digest();
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        assertThat(h.digest(second)).isEqualTo(JdkDigest.digest(jdkName, second));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void resetDiscardsWhatWasFed(String jdkName, Supplier<HashFunction> hash) {
        HashFunction h = hash.get();
        h.update(new byte[100]);
        h.reset();
        assertThat(h.digest()).isEqualTo(JdkDigest.digest(jdkName, new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void digestLengthIsTheJdkDigestLength(String jdkName, Supplier<HashFunction> hash) {
        HashFunction h = hash.get();
        assertThat(h.digestLength()).isEqualTo(JdkDigest.digest(jdkName, new byte[0]).length);
        assertThat(h.digest()).hasSize(h.digestLength());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    void updateRejectsASliceOutsideTheArray(String jdkName, Supplier<HashFunction> hash) {
        HashFunction h = hash.get();
        assertThatThrownBy(() -> h.update(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> h.update(new byte[10], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> h.update(new byte[10], 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void md5OfAbcIsTheRfc1321Example() {
        assertThat(Hex.encode(new Md5().digest(ascii("abc")))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void sha256OfAbcIsTheFips180Example() {
        assertThat(Hex.encode(new Sha256().digest(ascii("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sha512t256OfAbcIsTheFips180Example() {
        assertThat(Hex.encode(new Sha512t256().digest(ascii("abc"))))
                .isEqualTo("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
