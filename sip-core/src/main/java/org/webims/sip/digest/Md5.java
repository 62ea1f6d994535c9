package org.webims.sip.digest;

/** RFC 1321 §3: MD5, kept for RFC 7616 {@code algorithm=MD5} peers (RFC 8760 prefers SHA-256). */
public final class Md5 extends MerkleDamgardHash {

    /** RFC 1321 §3.4 table T[i] = floor(2^32 * abs(sin(i + 1))), written out so no engine's sin() matters. */
    private static final int[] T = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
        0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
        0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
        0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
        0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
        0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
        0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
        0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    };

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
