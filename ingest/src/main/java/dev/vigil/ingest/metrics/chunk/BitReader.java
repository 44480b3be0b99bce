package dev.vigil.ingest.metrics.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads bit fields (1..64 bits, most significant bit first) from a byte array region written by
 * {@link BitWriter}.
 *
 * <p>A read of up to 57 bits is a single unaligned big-endian 64-bit load plus two shifts; wider
 * reads are split in two. Reading never allocates. Reading past the end of the region throws
 * {@link IllegalArgumentException} (the data is truncated or corrupt).
 *
 * <p>Not thread-safe; reusable via {@link #reset}.
 */
final class BitReader {

    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    /** Index of the first byte of the region. */
    private int start;
    /** Index one past the last byte of the region. */
    private int end;
    /** Number of readable bits in the region. */
    private long limitBits;
    /** Bit position relative to {@link #start}. */
    private long pos;

    BitReader() {
        this.buf = new byte[0];
    }

    BitReader(byte[] buf, int offset, int length) {
        reset(buf, offset, length);
    }

    /** Points this reader at {@code buf[offset, offset + length)}, positioned at its first bit. */
    void reset(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException(
                    "region [" + offset + ", " + offset + "+" + length + ") outside array of " + buf.length);
        }
        this.buf = buf;
        this.start = offset;
        this.end = offset + length;
        this.limitBits = (long) length << 3;
        this.pos = 0;
    }

    /** Reads {@code n} bits (1..64) as an unsigned value in the low bits of the result. */
    long read(int n) {
        if (n > 57) {
            if (n > 64) {
                throw new IllegalArgumentException("bit count must be in 1..64: " + n);
            }
            long hi = read(n - 32);
            return (hi << 32) | read(32);
        }
        if (n < 1) {
            throw new IllegalArgumentException("bit count must be in 1..64: " + n);
        }
        ensure(n);
        long p = pos;
        long word = load64(start + (int) (p >>> 3));
        pos = p + n;
        return (word << (int) (p & 7)) >>> (64 - n);
    }

    /** Reads {@code n} bits (1..64) and sign-extends them from bit {@code n - 1}. */
    long readSigned(int n) {
        long v = read(n);
        int shift = 64 - n;
        return (v << shift) >> shift;
    }

    /** Reads one bit, returning 0 or 1. */
    int readBit() {
        ensure(1);
        long p = pos++;
        return (buf[start + (int) (p >>> 3)] >>> (7 - (int) (p & 7))) & 1;
    }

    /** Number of bits not yet read (including the zero padding of the last byte). */
    long remainingBits() {
        return limitBits - pos;
    }

    private void ensure(int n) {
        if (pos + n > limitBits) {
            throw new IllegalArgumentException(
                    "truncated bit stream: need " + n + " bits at bit " + pos + " of " + limitBits);
        }
    }

    private long load64(int index) {
        if (index + 8 <= end) {
            return (long) LONG_BE.get(buf, index);
        }
        long word = 0L;
        for (int i = 0; i < 8; i++) {
            word <<= 8;
            int j = index + i;
            if (j < end) {
                word |= buf[j] & 0xFFL;
            }
        }
        return word;
    }
}
