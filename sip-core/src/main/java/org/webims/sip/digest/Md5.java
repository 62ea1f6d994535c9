package org.webims.sip.digest;

/** RFC 1321 §3: MD5, kept for RFC 7616 {@code algorithm=MD5} peers (RFC 8760 prefers SHA-256). */
public final class Md5 extends MerkleDamgardHash {

    /**
     * RFC 1321 §3.4 table T[i] = floor(2^32 * abs(sin(i + 1))). Computed (about 0.3 kB less wic.js): every
     * value lies at least 0.015 of its last bit away from an integer (checked with 80-digit arithmetic), and
     * any engine's sin() is good to about 1e-16, so none can round it the wrong way.
     */
    private static final int[] T = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            T[i] = bits32(Math.abs(Math.sin(i + 1)) * 4294967296.0);
        }
    }

    /** RFC 1321 §3.4 rotation amounts, four per round. */
    private static final int[] S = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

    private final int[] x = new int[16];
    private int a;
    private int b;
    private int c;
    private int d;

    public Md5() {
        super(64, 8, true, 16);
        initState();
    }

    @Override
    void initState() {
        a = 0x67452301;
        b = 0xefcdab89;
        c = 0x98badcfe;
        d = 0x10325476;
    }

    @Override
    void compress(byte[] block, int offset) {
        int[] x = this.x;
        for (int i = 0; i < 16; i++) {
            int p = offset + 4 * i;
            x[i] = (block[p] & 0xff) | (block[p + 1] & 0xff) << 8
                    | (block[p + 2] & 0xff) << 16 | block[p + 3] << 24;
        }
        int a = this.a;
        int b = this.b;
        int c = this.c;
        int d = this.d;
        for (int i = 0; i < 64; i++) {
            int round = i >>> 4;
            int f;
            int k;
            if (round == 0) {
                f = (b & c) | (~b & d);
                k = i;
            } else if (round == 1) {
                f = (b & d) | (c & ~d);
                k = 5 * i + 1;
            } else if (round == 2) {
                f = b ^ c ^ d;
                k = 3 * i + 5;
            } else {
                f = c ^ (b | ~d);
                k = 7 * i;
            }
            int sum = a + f + T[i] + x[k & 15];
            a = d;
            d = c;
            c = b;
            b += Integer.rotateLeft(sum, S[(round << 2) | (i & 3)]);
        }
        this.a += a;
        this.b += b;
        this.c += c;
        this.d += d;
    }

    @Override
    void output(byte[] out) {
        putLittleEndian(a, out, 0);
        putLittleEndian(b, out, 4);
        putLittleEndian(c, out, 8);
        putLittleEndian(d, out, 12);
    }

    private static void putLittleEndian(int value, byte[] out, int offset) {
        out[offset] = (byte) value;
        out[offset + 1] = (byte) (value >>> 8);
        out[offset + 2] = (byte) (value >>> 16);
        out[offset + 3] = (byte) (value >>> 24);
    }
}
