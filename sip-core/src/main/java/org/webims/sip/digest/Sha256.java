package org.webims.sip.digest;

/** FIPS 180-4 §6.2: SHA-256, the RFC 7616 / RFC 8760 {@code algorithm=SHA-256}. */
public final class Sha256 extends MerkleDamgardHash {

    /** FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
    static final int[] K = words(
            "428a2f9871374491b5c0fbcfe9b5dba53956c25b59f111f1923f82a4ab1c5ed5"
            + "d807aa9812835b01243185be550c7dc372be5d7480deb1fe9bdc06a7c19bf174"
            + "e49b69c1efbe47860fc19dc6240ca1cc2de92c6f4a7484aa5cb0a9dc76f988da"
            + "983e5152a831c66db00327c8bf597fc7c6e00bf3d5a7914706ca635114292967"
            + "27b70a852e1b21384d2c6dfc53380d13650a7354766a0abb81c2c92e92722c85"
            + "a2bfe8a1a81a664bc24b8b70c76c51a3d192e819d6990624f40e3585106aa070"
            + "19a4c1161e376c082748774c34b0bcb5391c0cb34ed8aa4a5b9cca4f682e6ff3"
            + "748f82ee78a5636f84c878148cc7020890befffaa4506cebbef9a3f7c67178f2");

    /** FIPS 180-4 §5.3.3 initial hash value. */
    private static final int[] IV = words(
            "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19");

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
