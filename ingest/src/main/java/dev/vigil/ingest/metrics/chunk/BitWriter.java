package dev.vigil.ingest.metrics.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Appends bit fields (1..64 bits, most significant bit first) to a growable byte array.
 *
 * <p>Bits are collected in a 64-bit accumulator and spilled to the array one whole big-endian
 * word at a time, so a write costs a few shifts rather than a loop over bits. The array grows by
 * doubling; apart from that amortised growth, writing does not allocate.
 *
 * <p>Not thread-safe.
 */
final class BitWriter {

    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    /** Number of whole bytes already spilled to {@link #buf}; always a multiple of 8. */
    private int spilled;
    /** Pending bits, right-aligned: the low {@link #accBits} bits are valid, the rest are zero. */
    private long acc;
    /** Number of pending bits in {@link #acc}, in [0, 63]. */
    private int accBits;

    BitWriter() {
        this(64);
    }

    BitWriter(int initialCapacityBytes) {
        buf = new byte[Math.max(8, (initialCapacityBytes + 7) & ~7)];
    }

    /**
     * Appends the low {@code n} bits of {@code value}, most significant first. Bits of
     * {@code value} above the low {@code n} are ignored.
     *
     * @param n number of bits, 1..64
     */
    void write(long value, int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("bit count must be in 1..64: " + n);
        }
        long v = value & (-1L >>> (64 - n));
        int free = 64 - accBits; // 1..64
        if (n < free) {
            acc = (acc << n) | v;
            accBits += n;
        } else {
            int rest = n - free; // 0..63
            // free == 64 implies accBits == 0 and acc == 0, and Java masks the shift count (acc << 64 == acc == 0).
            long word = (acc << free) | (v >>> rest);
            spillWord(word);
            acc = rest == 0 ? 0L : v & (-1L >>> (64 - rest));
            accBits = rest;
        }
    }

    /** Appends a single bit (the low bit of {@code bit}). */
    void writeBit(int bit) {
        acc = (acc << 1) | (bit & 1);
        if (++accBits == 64) {
            spillWord(acc);
            acc = 0L;
            accBits = 0;
        }
    }

    private void spillWord(long word) {
        if (spilled + 8 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length << 1);
        }
        LONG_BE.set(buf, spilled, word);
        spilled += 8;
    }

    /** Total number of bits written so far. */
    long bitLength() {
        return ((long) spilled << 3) + accBits;
    }

    /** Number of bytes needed to hold all bits written so far (last byte zero-padded). */
    int byteLength() {
        return spilled + ((accBits + 7) >>> 3);
    }

    /**
     * Copies all bits written so far into {@code dest} starting at {@code offset}, zero-padding the
     * final partial byte. Exactly {@link #byteLength()} bytes are written. The writer's state is
     * not changed, so writing may continue afterwards.
     */
    void copyTo(byte[] dest, int offset) {
        System.arraycopy(buf, 0, dest, offset, spilled);
        int tailBytes = (accBits + 7) >>> 3;
        if (tailBytes > 0) {
            long leftAligned = acc << (64 - accBits); // accBits in 1..63 here
            int pos = offset + spilled;
            for (int i = 0; i < tailBytes; i++) {
                dest[pos + i] = (byte) (leftAligned >>> (56 - 8 * i));
            }
        }
    }

    /** Returns a fresh array with all bits written so far (see {@link #copyTo}). */
    byte[] toByteArray() {
        byte[] out = new byte[byteLength()];
        copyTo(out, 0);
        return out;
    }

    /** Discards all bits, keeping the allocated buffer. */
    void reset() {
        spilled = 0;
        acc = 0L;
        accBits = 0;
    }
}
