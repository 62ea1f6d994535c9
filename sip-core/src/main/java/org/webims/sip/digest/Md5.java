package org.webims.sip.digest;

/** RFC 1321 §3: MD5, kept for RFC 7616 {@code algorithm=MD5} peers (RFC 8760 prefers SHA-256). */
public final class Md5 extends MerkleDamgardHash {

    /** RFC 1321 §3.4 table T[i] = floor(2^32 * abs(sin(i + 1))), written out so no engine's sin() matters. */
    private static final int[] T = words(
            "d76aa478e8c7b756242070dbc1bdceeef57c0faf4787c62aa8304613fd469501"
            + "698098d88b44f7afffff5bb1895cd7be6b901122fd987193a679438e49b40821"
            + "f61e2562c040b340265e5a51e9b6c7aad62f105d02441453d8a1e681e7d3fbc8"
            + "21e1cde6c33707d6f4d50d87455a14eda9e3e905fcefa3f8676f02d98d2a4c8a"
            + "fffa39428771f6816d9d6122fde5380ca4beea444bdecfa9f6bb4b60bebfbc70"
            + "289b7ec6eaa127fad4ef308504881d05d9d4d039e6db99e51fa27cf8c4ac5665"
            + "f4292244432aff97ab9423a7fc93a039655b59c38f0ccc92ffeff47d85845dd1"
            + "6fa87e4ffe2ce6e0a30143144e0811a1f7537e82bd3af2352ad7d2bbeb86d391");

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
