package org.webims.sip.digest;

/**
 * FIPS 180-4 §6.7: SHA-512/256, the RFC 7616 / RFC 8760 {@code algorithm=SHA-512-256}: the SHA-512
 * compression with its own initial value, output cut to 32 bytes.
 */
public final class Sha512t256 extends MerkleDamgardHash {

    /** FIPS 180-4 §4.2.3: first 64 bits of the fractional parts of the cube roots of the first 80 primes. */
    private static final long[] K = longs(
            "428a2f98d728ae227137449123ef65cdb5c0fbcfec4d3b2fe9b5dba58189dbbc"
            + "3956c25bf348b53859f111f1b605d019923f82a4af194f9bab1c5ed5da6d8118"
            + "d807aa98a303024212835b0145706fbe243185be4ee4b28c550c7dc3d5ffb4e2"
            + "72be5d74f27b896f80deb1fe3b1696b19bdc06a725c71235c19bf174cf692694"
            + "e49b69c19ef14ad2efbe4786384f25e30fc19dc68b8cd5b5240ca1cc77ac9c65"
            + "2de92c6f592b02754a7484aa6ea6e4835cb0a9dcbd41fbd476f988da831153b5"
            + "983e5152ee66dfaba831c66d2db43210b00327c898fb213fbf597fc7beef0ee4"
            + "c6e00bf33da88fc2d5a79147930aa72506ca6351e003826f142929670a0e6e70"
            + "27b70a8546d22ffc2e1b21385c26c9264d2c6dfc5ac42aed53380d139d95b3df"
            + "650a73548baf63de766a0abb3c77b2a881c2c92e47edaee692722c851482353b"
            + "a2bfe8a14cf10364a81a664bbc423001c24b8b70d0f89791c76c51a30654be30"
            + "d192e819d6ef5218d69906245565a910f40e35855771202a106aa07032bbd1b8"
            + "19a4c116b8d2d0c81e376c085141ab532748774cdf8eeb9934b0bcb5e19b48a8"
            + "391c0cb3c5c95a634ed8aa4ae3418acb5b9cca4f7763e373682e6ff3d6b2b8a3"
            + "748f82ee5defb2fc78a5636f43172f6084c87814a1f0ab728cc702081a6439ec"
            + "90befffa23631e28a4506cebde82bde9bef9a3f7b2c67915c67178f2e372532b"
            + "ca273eceea26619cd186b8c721c0c207eada7dd6cde0eb1ef57d4f7fee6ed178"
            + "06f067aa72176fba0a637dc5a2c898a6113f9804bef90dae1b710b35131c471b"
            + "28db77f523047d8432caab7b40c724933c9ebe0a15c9bebc431d67c49c100d4c"
            + "4cc5d4becb3e42b6597f299cfc657e2a5fcb6fab3ad6faec6c44198c4a475817");

    /** FIPS 180-4 §5.3.6.2 initial hash value for SHA-512/256 (not SHA-512's). */
    private static final long[] IV = longs(
            "22312194fc2bf72c9f555fa3c84c64c22393b86b6f53b151963877195940eabd"
            + "96283ee2a88effe3be5e1e25538639922b0199fc2c85b8aa0eb72ddc81c52ca2");

    private final long[] state = new long[8];
    private final long[] w = new long[80];

    public Sha512t256() {
        super(128, 16, false, 32);
        initState();
    }

    @Override
    void initState() {
        System.arraycopy(IV, 0, state, 0, 8);
    }

    @Override
    void compress(byte[] block, int offset) {
        long[] w = this.w;
        for (int t = 0; t < 16; t++) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (block[offset + 8 * t + i] & 0xff);
            }
            w[t] = v;
        }
        for (int t = 16; t < 80; t++) {
            long w15 = w[t - 15];
            long w2 = w[t - 2];
            long sigma0 = Long.rotateRight(w15, 1) ^ Long.rotateRight(w15, 8) ^ (w15 >>> 7);
            long sigma1 = Long.rotateRight(w2, 19) ^ Long.rotateRight(w2, 61) ^ (w2 >>> 6);
            w[t] = w[t - 16] + sigma0 + w[t - 7] + sigma1;
        }
        long[] s = state;
        long a = s[0];
        long b = s[1];
        long c = s[2];
        long d = s[3];
        long e = s[4];
        long f = s[5];
        long g = s[6];
        long h = s[7];
        for (int t = 0; t < 80; t++) {
            long sum1 = Long.rotateRight(e, 14) ^ Long.rotateRight(e, 18) ^ Long.rotateRight(e, 41);
            long t1 = h + sum1 + ((e & f) ^ (~e & g)) + K[t] + w[t];
            long sum0 = Long.rotateRight(a, 28) ^ Long.rotateRight(a, 34) ^ Long.rotateRight(a, 39);
            long t2 = sum0 + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        s[0] += a;
        s[1] += b;
        s[2] += c;
        s[3] += d;
        s[4] += e;
        s[5] += f;
        s[6] += g;
        s[7] += h;
    }

    /** 64-bit words from pairs of 32-bit ones, high word first. */
    private static long[] longs(String hex) {
        int[] words = words(hex);
        long[] longs = new long[words.length / 2];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = (long) words[2 * i] << 32 | words[2 * i + 1] & 0xffffffffL;
        }
        return longs;
    }

    @Override
    void output(byte[] out) {
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (state[i >>> 3] >>> (56 - 8 * (i & 7)));
        }
    }
}
