package org.webims.sip.digest;

/** FIPS 180-4 §6.2: SHA-256, the RFC 7616 / RFC 8760 {@code algorithm=SHA-256}. */
public final class Sha256 extends MerkleDamgardHash {

    /**
     * FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes;
     * 80 of them, since SHA-512's K (§4.2.3) starts with the same bits ({@link Sha512t256}).
     */
    static final int[] K = rootFractions(80, true);

    /** FIPS 180-4 §5.3.3 initial hash value: the square roots of the first 8 primes, as K. */
    private static final int[] IV = rootFractions(8, false);

    private final int[] state = new int[8];
    private final int[] w = new int[64];

    public Sha256() {
        super(64, 8, false, 32);
        initState();
    }

    @Override
    void initState() {
        System.arraycopy(IV, 0, state, 0, 8);
    }

    @Override
    void compress(byte[] block, int offset) {
        int[] w = this.w;
        for (int t = 0; t < 16; t++) {
            int p = offset + 4 * t;
            w[t] = block[p] << 24 | (block[p + 1] & 0xff) << 16
                    | (block[p + 2] & 0xff) << 8 | (block[p + 3] & 0xff);
        }
        for (int t = 16; t < 64; t++) {
            int w15 = w[t - 15];
            int w2 = w[t - 2];
            int sigma0 = Integer.rotateRight(w15, 7) ^ Integer.rotateRight(w15, 18) ^ (w15 >>> 3);
            int sigma1 = Integer.rotateRight(w2, 17) ^ Integer.rotateRight(w2, 19) ^ (w2 >>> 10);
            w[t] = w[t - 16] + sigma0 + w[t - 7] + sigma1;
        }
        int[] s = state;
        int a = s[0];
        int b = s[1];
        int c = s[2];
        int d = s[3];
        int e = s[4];
        int f = s[5];
        int g = s[6];
        int h = s[7];
        for (int t = 0; t < 64; t++) {
            int sum1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int t1 = h + sum1 + ((e & f) ^ (~e & g)) + K[t] + w[t];
            int sum0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int t2 = sum0 + ((a & b) ^ (a & c) ^ (b & c));
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
        for (int i = 0; i < 8; i++) {
            int v = state[i];
            out[4 * i] = (byte) (v >>> 24);
            out[4 * i + 1] = (byte) (v >>> 16);
            out[4 * i + 2] = (byte) (v >>> 8);
            out[4 * i + 3] = (byte) v;
        }
    }
}
