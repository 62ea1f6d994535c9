package org.webims.sip.digest;

/**
 * FIPS 180-4 §6.7: SHA-512/256, the RFC 7616 / RFC 8760 {@code algorithm=SHA-512-256}: the SHA-512
 * compression with its own initial value, output cut to 32 bytes.
 */
public final class Sha512t256 extends MerkleDamgardHash {

    /** FIPS 180-4 §4.2.3: first 64 bits of the fractional parts of the cube roots of the first 80 primes. */
    private static final long[] K = {
        0x428a2f98d728ae22L, 0x7137449123ef65cdL, 0xb5c0fbcfec4d3b2fL, 0xe9b5dba58189dbbcL,
        0x3956c25bf348b538L, 0x59f111f1b605d019L, 0x923f82a4af194f9bL, 0xab1c5ed5da6d8118L,
        0xd807aa98a3030242L, 0x12835b0145706fbeL, 0x243185be4ee4b28cL, 0x550c7dc3d5ffb4e2L,
        0x72be5d74f27b896fL, 0x80deb1fe3b1696b1L, 0x9bdc06a725c71235L, 0xc19bf174cf692694L,
        0xe49b69c19ef14ad2L, 0xefbe4786384f25e3L, 0x0fc19dc68b8cd5b5L, 0x240ca1cc77ac9c65L,
        0x2de92c6f592b0275L, 0x4a7484aa6ea6e483L, 0x5cb0a9dcbd41fbd4L, 0x76f988da831153b5L,
        0x983e5152ee66dfabL, 0xa831c66d2db43210L, 0xb00327c898fb213fL, 0xbf597fc7beef0ee4L,
        0xc6e00bf33da88fc2L, 0xd5a79147930aa725L, 0x06ca6351e003826fL, 0x142929670a0e6e70L,
        0x27b70a8546d22ffcL, 0x2e1b21385c26c926L, 0x4d2c6dfc5ac42aedL, 0x53380d139d95b3dfL,
        0x650a73548baf63deL, 0x766a0abb3c77b2a8L, 0x81c2c92e47edaee6L, 0x92722c851482353bL,
        0xa2bfe8a14cf10364L, 0xa81a664bbc423001L, 0xc24b8b70d0f89791L, 0xc76c51a30654be30L,
        0xd192e819d6ef5218L, 0xd69906245565a910L, 0xf40e35855771202aL, 0x106aa07032bbd1b8L,
        0x19a4c116b8d2d0c8L, 0x1e376c085141ab53L, 0x2748774cdf8eeb99L, 0x34b0bcb5e19b48a8L,
        0x391c0cb3c5c95a63L, 0x4ed8aa4ae3418acbL, 0x5b9cca4f7763e373L, 0x682e6ff3d6b2b8a3L,
        0x748f82ee5defb2fcL, 0x78a5636f43172f60L, 0x84c87814a1f0ab72L, 0x8cc702081a6439ecL,
        0x90befffa23631e28L, 0xa4506cebde82bde9L, 0xbef9a3f7b2c67915L, 0xc67178f2e372532bL,
        0xca273eceea26619cL, 0xd186b8c721c0c207L, 0xeada7dd6cde0eb1eL, 0xf57d4f7fee6ed178L,
        0x06f067aa72176fbaL, 0x0a637dc5a2c898a6L, 0x113f9804bef90daeL, 0x1b710b35131c471bL,
        0x28db77f523047d84L, 0x32caab7b40c72493L, 0x3c9ebe0a15c9bebcL, 0x431d67c49c100d4cL,
        0x4cc5d4becb3e42b6L, 0x597f299cfc657e2aL, 0x5fcb6fab3ad6faecL, 0x6c44198c4a475817L,
    };

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
