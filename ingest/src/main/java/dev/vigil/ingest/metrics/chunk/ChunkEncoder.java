package dev.vigil.ingest.metrics.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Appends samples of one time series to a compressed chunk (format: see {@link Chunk}).
 *
 * <p>Timestamps (epoch milliseconds) must be strictly increasing. {@link #append} does not
 * allocate except for amortised growth of the internal buffer.
 *
 * <p>Not thread-safe: use one encoder per series head, and guard it externally if
 * {@link #toBytes()} is called from a different thread than {@link #append}.
 */
public final class ChunkEncoder {

    private static final VarHandle INT_BE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Sentinel window: no window written yet, so nothing can be reused. */
    private static final int NO_WINDOW = 64;
    /**
     * A fitting previous window is reused unless it is more than this many bits wider than the
     * XOR's own window: a new window costs 11 more header bits than a reuse, so beyond that
     * a new, tighter window is cheaper already for the current sample (and usually for the next
     * ones). This only affects the encoder's choice; the format is unchanged.
     */
    private static final int MAX_REUSE_WASTE_BITS = 11;
    /**
     * The first value is written raw ('10' + 64 bits) when its window would be wider than this;
     * a window costs 13 + m bits, raw costs 66.
     */
    private static final int MAX_FIRST_VALUE_WINDOW_BITS = 53;

    private final BitWriter bits;
    private int count;
    private long firstTimestamp;
    private long lastTimestamp;
    private long lastDelta;
    private long lastValueBits;
    private int windowLead = NO_WINDOW;
    private int windowTrail = NO_WINDOW;

    /** Creates an encoder with a small initial buffer. */
    public ChunkEncoder() {
        this(128);
    }

    /**
     * Creates an encoder whose buffer starts at {@code initialCapacityBytes} bytes (it grows as
     * needed).
     */
    public ChunkEncoder(int initialCapacityBytes) {
        if (initialCapacityBytes < 0) {
            throw new IllegalArgumentException("negative capacity: " + initialCapacityBytes);
        }
        this.bits = new BitWriter(initialCapacityBytes);
    }

    /**
     * Appends a sample.
     *
     * @param timestampMillis epoch milliseconds; must be greater than {@link #lastTimestamp()}
     * @param value any double; its raw bits (including NaN payloads) are preserved exactly
     * @throws IllegalArgumentException if the timestamp is not after the last one; the encoder is
     *     left unchanged
     */
    public void append(long timestampMillis, double value) {
        if (count == 0) {
            firstTimestamp = timestampMillis;
        } else {
            if (timestampMillis <= lastTimestamp) {
                throw new IllegalArgumentException(
                        (timestampMillis == lastTimestamp ? "duplicate" : "out-of-order")
                                + " timestamp " + timestampMillis
                                + ": must be after the last appended timestamp " + lastTimestamp);
            }
            if (count == Integer.MAX_VALUE) {
                throw new IllegalStateException("chunk is full: " + count + " samples");
            }
            long delta = timestampMillis - lastTimestamp;
            writeDeltaOfDelta(delta - lastDelta);
            lastDelta = delta;
        }
        writeValue(Double.doubleToRawLongBits(value));
        lastTimestamp = timestampMillis;
        count++;
    }

    private void writeDeltaOfDelta(long dod) {
        BitWriter w = bits;
        if (dod == 0) {
            w.writeBit(0);
        } else if (dod >= -64 && dod <= 63) {
            w.write((0b10L << 7) | (dod & 0x7FL), 2 + 7);
        } else if (dod >= -8192 && dod <= 8191) {
            w.write((0b110L << 14) | (dod & 0x3FFFL), 3 + 14);
        } else if (dod >= -524288 && dod <= 524287) {
            w.write((0b1110L << 20) | (dod & 0xFFFFFL), 4 + 20);
        } else if (dod == (int) dod) {
            w.write((0b11110L << 32) | (dod & 0xFFFFFFFFL), 5 + 32);
        } else {
            w.write(0b11111L, 5);
            w.write(dod, 64);
        }
    }

    private void writeValue(long valueBits) {
        BitWriter w = bits;
        long xor = valueBits ^ lastValueBits;
        lastValueBits = valueBits;
        if (xor == 0) {
            w.writeBit(0);
            return;
        }
        int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
        int trail = Long.numberOfTrailingZeros(xor);
        int m = 64 - lead - trail; // 1..64
        if (count == 0) {
            // First value (XOR against 0): no window to reuse, so '10' means 64 raw bits. The first
            // value's window is not kept: it spans the whole value and would make later small
            // XORs pay for it.
            if (m > MAX_FIRST_VALUE_WINDOW_BITS) {
                w.write(0b10L, 2);
                w.write(valueBits, 64);
            } else {
                writeNewWindow(w, xor, lead, trail, m);
            }
            return;
        }
        if (lead >= windowLead && trail >= windowTrail) {
            int wm = 64 - windowLead - windowTrail; // 1..64
            if (wm - m <= MAX_REUSE_WASTE_BITS) {
                long payload = xor >>> windowTrail; // fits in wm bits
                if (wm <= 62) {
                    w.write((0b10L << wm) | payload, wm + 2);
                } else {
                    w.write(0b10L, 2);
                    w.write(payload, wm);
                }
                return;
            }
        }
        writeNewWindow(w, xor, lead, trail, m);
        windowLead = lead;
        windowTrail = trail;
    }

    private static void writeNewWindow(BitWriter w, long xor, int lead, int trail, int m) {
        w.write((0b11L << 11) | ((long) lead << 6) | (m & 0x3F), 2 + 5 + 6);
        w.write(xor >>> trail, m);
    }

    /** Number of samples appended so far. */
    public int count() {
        return count;
    }

    /** Whether no sample has been appended yet. */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Timestamp of the first sample.
     *
     * @throws IllegalStateException if no sample has been appended
     */
    public long firstTimestamp() {
        requireNonEmpty();
        return firstTimestamp;
    }

    /**
     * Timestamp of the most recent sample.
     *
     * @throws IllegalStateException if no sample has been appended
     */
    public long lastTimestamp() {
        requireNonEmpty();
        return lastTimestamp;
    }

    private void requireNonEmpty() {
        if (count == 0) {
            throw new IllegalStateException("chunk encoder is empty");
        }
    }

    /** Exact length of the array {@link #toBytes()} would return now. */
    public int sizeInBytes() {
        return Chunk.HEADER_BYTES + bits.byteLength();
    }

    /**
     * Returns a self-contained chunk holding every sample appended so far. The result is a copy:
     * appending may continue afterwards, and later snapshots include the new samples while this
     * one stays valid and unchanged.
     */
    public byte[] toBytes() {
        byte[] out = new byte[sizeInBytes()];
        out[Chunk.OFFSET_FORMAT] = Chunk.FORMAT_V1;
        INT_BE.set(out, Chunk.OFFSET_COUNT, count);
        LONG_BE.set(out, Chunk.OFFSET_FIRST_TIMESTAMP, count == 0 ? 0L : firstTimestamp);
        LONG_BE.set(out, Chunk.OFFSET_LAST_TIMESTAMP, count == 0 ? 0L : lastTimestamp);
        bits.copyTo(out, Chunk.HEADER_BYTES);
        return out;
    }

    /** Discards all samples so the encoder can start a new chunk; keeps its buffer. */
    public void reset() {
        bits.reset();
        count = 0;
        firstTimestamp = 0L;
        lastTimestamp = 0L;
        lastDelta = 0L;
        lastValueBits = 0L;
        windowLead = NO_WINDOW;
        windowTrail = NO_WINDOW;
    }
}
