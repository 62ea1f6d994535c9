package org.webims.sip.digest;

/**
 * FIPS 180-4 §6.7: SHA-512/256, the RFC 7616 / RFC 8760 {@code algorithm=SHA-512-256}: the SHA-512
 * compression with its own initial value, output cut to 32 bytes.
 */
public final class Sha512t256 extends MerkleDamgardHash {

    /**
     * FIPS 180-4 §4.2.3: first 64 bits of the fractional parts of the cube roots of the first 80 primes. The
     * high words are SHA-256's K (§4.2.2, the same cube roots cut to 32 bits), computed there.
     */
    private static final long[] K = new long[80];

    static {
        int[] low = words(
                "d728ae2223ef65cdec4d3b2f8189dbbcf348b538b605d019af194f9bda6d8118"
                + "a303024245706fbe4ee4b28cd5ffb4e2f27b896f3b1696b125c71235cf692694"
                + "9ef14ad2384f25e38b8cd5b577ac9c65592b02756ea6e483bd41fbd4831153b5"
                + "ee66dfab2db4321098fb213fbeef0ee43da88fc2930aa725e003826f0a0e6e70"
                + "46d22ffc5c26c9265ac42aed9d95b3df8baf63de3c77b2a847edaee61482353b"
                + "4cf10364bc423001d0f897910654be30d6ef52185565a9105771202a32bbd1b8"
                + "b8d2d0c85141ab53df8eeb99e19b48a8c5c95a63e3418acb7763e373d6b2b8a3"
                + "5defb2fc43172f60a1f0ab721a6439ec23631e28de82bde9b2c67915e372532b"
                + "ea26619c21c0c207cde0eb1eee6ed17872176fbaa2c898a6bef90dae131c471b"
                + "23047d8440c7249315c9bebc9c100d4ccb3e42b6fc657e2a3ad6faec4a475817");
        for (int i = 0; i < 80; i++) {
            K[i] = (long) Sha256.K[i] << 32 | low[i] & 0xffffffffL;
        }
    }

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
