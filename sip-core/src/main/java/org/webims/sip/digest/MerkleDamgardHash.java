package org.webims.sip.digest;

import java.util.Arrays;

/**
 * RFC 1321 §3.1-3.2 and FIPS 180-4 §5.1: buffering and length padding common to MD5 and the SHA-2
 * family; a subclass only compresses whole blocks and writes its output.
 */
abstract class MerkleDamgardHash implements HashFunction {

    private final byte[] buffer;
    private final int lengthFieldSize;
    private final boolean littleEndianLength;
    private final int digestLength;
    private int buffered;
    private long byteCount;

    /**
     * @param lengthFieldSize 8 (MD5, SHA-256) or 16 (SHA-512) bytes of message bit length
     * @param littleEndianLength true for MD5, false for SHA-2
     */
    MerkleDamgardHash(int blockSize, int lengthFieldSize, boolean littleEndianLength, int digestLength) {
        this.buffer = new byte[blockSize];
        this.lengthFieldSize = lengthFieldSize;
        this.littleEndianLength = littleEndianLength;
        this.digestLength = digestLength;
    }

    /** Processes one full block of input starting at {@code offset}. */
    abstract void compress(byte[] block, int offset);

    /** Sets the chaining state to the algorithm's initial value. */
    abstract void initState();

    /** Writes the final chaining state, truncated to {@code out.length}. */
    abstract void output(byte[] out);

    @Override
    public final int digestLength() {
        return digestLength;
    }

    @Override
    public final void update(byte[] input) {
        update(input, 0, input.length);
    }

    @Override
    public final void update(byte[] input, int offset, int length) {
        if (offset < 0 || length < 0 || offset > input.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length);
        }
        byteCount += length;
        int blockSize = buffer.length;
        if (buffered > 0) {
            int take = Math.min(blockSize - buffered, length);
            System.arraycopy(input, offset, buffer, buffered, take);
            buffered += take;
            offset += take;
            length -= take;
            if (buffered < blockSize) {
                return;
            }
            compress(buffer, 0);
            buffered = 0;
        }
        // Whole blocks are compressed straight from the caller's array: no copy on the hot path.
        while (length >= blockSize) {
            compress(input, offset);
            offset += blockSize;
            length -= blockSize;
        }
        System.arraycopy(input, offset, buffer, 0, length);
        buffered = length;
    }

    @Override
    public final byte[] digest(byte[] input) {
        update(input);
        return digest();
    }

    @Override
    public final byte[] digest() {
        int blockSize = buffer.length;
        int lengthOffset = blockSize - 8;
        buffer[buffered++] = (byte) 0x80;
        if (buffered > blockSize - lengthFieldSize) {
            Arrays.fill(buffer, buffered, blockSize, (byte) 0);
            compress(buffer, 0);
            buffered = 0;
        }
        Arrays.fill(buffer, buffered, lengthOffset, (byte) 0);
        if (lengthFieldSize == 16) {
            // High 64 bits of SHA-512's 128-bit length: only the bits shifted out of byteCount * 8.
            buffer[lengthOffset - 1] = (byte) (byteCount >>> 61);
        }
        long bitLength = byteCount << 3;
        for (int i = 0; i < 8; i++) {
            int shift = littleEndianLength ? 8 * i : 56 - 8 * i;
            buffer[lengthOffset + i] = (byte) (bitLength >>> shift);
        }
        compress(buffer, 0);
        byte[] out = new byte[digestLength];
        output(out);
        reset();
        return out;
    }

    @Override
    public final void reset() {
        buffered = 0;
        byteCount = 0;
        initState();
    }

    /**
     * The first 32 bits of the fractional part of {@code f(p)} for each of the first {@code n} primes
     * {@code p}: FIPS 180-4 §4.2.2 and §5.3.3 define SHA-256's K and initial value so ({@code f} a cube or
     * square root). Computed rather than written out (about 0.6 kB less wic.js, docs/wic.md "Size"): every
     * value lies at least 0.005 of its last bit away from a rounding edge (checked with 60-digit
     * arithmetic for the 80 cube roots and 8 square roots used), so a double root, good to 2^-50, cannot
     * land on the wrong side; the test vectors run on the JVM and in wic.js. Run once per class.
     */
    static int[] rootFractions(int n, boolean cube) {
        int[] words = new int[n];
        for (int p = 2, i = 0; i < n; p++) {
            int d = 2;
            while (p % d != 0) {
                d++;
            }
            if (d == p) { // p is prime
                double root = cube ? Math.cbrt(p) : Math.sqrt(p);
                words[i++] = bits32((root - Math.floor(root)) * 4294967296.0);
            }
        }
        return words;
    }

    /** floor(v) for 0 <= v < 2^32 as the int with those 32 bits, without TeaVM's emulated long. */
    static int bits32(double v) {
        return (int) (Math.floor(v) - 2147483648.0) ^ 0x80000000;
    }

    /**
     * The 32-bit words written in {@code hex}, eight lowercase hex digits each: the constant tables as one
     * string, since in wic.js an int array literal is decimal numbers that gzip about a third worse
     * (docs/wic.md "Size"). Run once per class.
     */
    static int[] words(String hex) {
        int[] words = new int[hex.length() / 8];
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            words[i >> 3] = words[i >> 3] << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return words;
    }
}
