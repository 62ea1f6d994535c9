package org.webims.sip.digest;

/**
 * FIPS 180-4 §6.7: SHA-512/256, the RFC 7616 / RFC 8760 {@code algorithm=SHA-512-256}: the SHA-512
 * compression with its own initial value, output cut to 32 bytes.
 */
public final class Sha512t256 extends MerkleDamgardHash {

    /**
     * FIPS 180-4 §4.2.3: first 64 bits of the fractional parts of the cube roots of the first 80 primes.
     * The high 32 bits of the first 64 are SHA-256's constants (§4.2.2, the same roots' first 32 bits),
     * taken from {@link Sha256#K} rather than written twice: 256 bytes less of random text in wic.js.
     */
    private static final long[] K = new long[80];

    /** The high 32 bits of constants 64 to 79. */
    private static final int[] K_HIGH_64 = {
        0xca273ece, 0xd186b8c7, 0xeada7dd6, 0xf57d4f7f, 0x06f067aa, 0x0a637dc5,
        0x113f9804, 0x1b710b35, 0x28db77f5, 0x32caab7b, 0x3c9ebe0a, 0x431d67c4,
        0x4cc5d4be, 0x597f299c, 0x5fcb6fab, 0x6c44198c,
    };

    /** The low 32 bits of the 80 constants. */
    private static final int[] K_LOW = {
        0xd728ae22, 0x23ef65cd, 0xec4d3b2f, 0x8189dbbc, 0xf348b538, 0xb605d019,
        0xaf194f9b, 0xda6d8118, 0xa3030242, 0x45706fbe, 0x4ee4b28c, 0xd5ffb4e2,
        0xf27b896f, 0x3b1696b1, 0x25c71235, 0xcf692694, 0x9ef14ad2, 0x384f25e3,
        0x8b8cd5b5, 0x77ac9c65, 0x592b0275, 0x6ea6e483, 0xbd41fbd4, 0x831153b5,
        0xee66dfab, 0x2db43210, 0x98fb213f, 0xbeef0ee4, 0x3da88fc2, 0x930aa725,
        0xe003826f, 0x0a0e6e70, 0x46d22ffc, 0x5c26c926, 0x5ac42aed, 0x9d95b3df,
        0x8baf63de, 0x3c77b2a8, 0x47edaee6, 0x1482353b, 0x4cf10364, 0xbc423001,
        0xd0f89791, 0x0654be30, 0xd6ef5218, 0x5565a910, 0x5771202a, 0x32bbd1b8,
        0xb8d2d0c8, 0x5141ab53, 0xdf8eeb99, 0xe19b48a8, 0xc5c95a63, 0xe3418acb,
        0x7763e373, 0xd6b2b8a3, 0x5defb2fc, 0x43172f60, 0xa1f0ab72, 0x1a6439ec,
        0x23631e28, 0xde82bde9, 0xb2c67915, 0xe372532b, 0xea26619c, 0x21c0c207,
        0xcde0eb1e, 0xee6ed178, 0x72176fba, 0xa2c898a6, 0xbef90dae, 0x131c471b,
        0x23047d84, 0x40c72493, 0x15c9bebc, 0x9c100d4c, 0xcb3e42b6, 0xfc657e2a,
        0x3ad6faec, 0x4a475817,
    };

    static {
        for (int t = 0; t < 80; t++) {
            long high = t < 64 ? Sha256.K[t] : K_HIGH_64[t - 64];
            K[t] = high << 32 | (K_LOW[t] & 0xffffffffL);
        }
    }

    /** FIPS 180-4 §5.3.6.2 initial hash value for SHA-512/256 (not SHA-512's). */
    private static final long[] IV = {
        0x22312194fc2bf72cL, 0x9f555fa3c84c64c2L, 0x2393b86b6f53b151L, 0x963877195940eabdL,
        0x96283ee2a88effe3L, 0xbe5e1e2553863992L, 0x2b0199fc2c85b8aaL, 0x0eb72ddc81c52ca2L,
    };

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

    @Override
    void output(byte[] out) {
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (state[i >>> 3] >>> (56 - 8 * (i & 7)));
        }
    }
}
