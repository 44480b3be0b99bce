package dev.vigil.ingest.metrics.chunk;

import java.util.NoSuchElementException;

/**
 * Forward-only cursor over the samples of a chunk (format: see {@link Chunk}). Does not copy the
 * chunk and does not allocate per sample; one instance can be reused for many chunks via {@link
 * #reset}.
 *
 * <pre>{@code
 * ChunkIterator it = Chunk.iterator(bytes);
 * while (it.next()) {
 *     consume(it.timestamp(), it.value());
 * }
 * }</pre>
 *
 * <p>Malformed or truncated input makes {@link #reset} or {@link #next} throw {@link
 * IllegalArgumentException}. Not thread-safe.
 */
public final class ChunkIterator {

    private static final int NO_WINDOW = 64;

    private final BitReader in = new BitReader();
    private int count;
    private int index;
    private boolean exhausted;
    private long headerLastTimestamp;
    private long timestamp;
    private long delta;
    private long valueBits;
    private int windowLead;
    private int windowTrail;

    /** Creates an iterator positioned on an empty chunk; call {@link #reset} before use. */
    public ChunkIterator() {}

    /** Re-targets this iterator at the start of {@code chunk}. */
    public ChunkIterator reset(byte[] chunk) {
        return reset(chunk, 0, chunk.length);
    }

    /** Re-targets this iterator at the start of the chunk stored in {@code buf[offset, offset + length)}. */
    public ChunkIterator reset(byte[] buf, int offset, int length) {
        int n = ChunkDecoder.checkHeader(buf, offset, length);
        in.reset(buf, offset + Chunk.HEADER_BYTES, length - Chunk.HEADER_BYTES);
        count = n;
        index = 0;
        exhausted = false;
        timestamp = ChunkDecoder.readLong(buf, offset + Chunk.OFFSET_FIRST_TIMESTAMP);
        headerLastTimestamp = ChunkDecoder.readLong(buf, offset + Chunk.OFFSET_LAST_TIMESTAMP);
        delta = 0L;
        valueBits = 0L;
        windowLead = NO_WINDOW;
        windowTrail = NO_WINDOW;
        return this;
    }

    /**
     * Advances to the next sample.
     *
     * @return false when all samples have been read
     */
    public boolean next() {
        if (index >= count) {
            exhausted = true;
            return false;
        }
        if (index > 0) {
            delta += readDeltaOfDelta();
            timestamp += delta;
        }
        readValue();
        if (++index == count && timestamp != headerLastTimestamp) {
            throw new IllegalArgumentException("corrupt chunk: decoded last timestamp " + timestamp
                    + " differs from header last timestamp " + headerLastTimestamp);
        }
        return true;
    }

    /**
     * Advances until the current sample's timestamp is at least {@code minTimestamp}. If the
     * current sample already qualifies it stays current.
     *
     * @return false if no remaining sample qualifies (the iterator is then exhausted)
     */
    public boolean advanceTo(long minTimestamp) {
        if (index > 0 && !exhausted && timestamp >= minTimestamp) {
            return true;
        }
        while (next()) {
            if (timestamp >= minTimestamp) {
                return true;
            }
        }
        return false;
    }

    private long readDeltaOfDelta() {
        BitReader r = in;
        if (r.readBit() == 0) {
            return 0L;
        }
        if (r.readBit() == 0) {
            return r.readSigned(7);
        }
        if (r.readBit() == 0) {
            return r.readSigned(14);
        }
        if (r.readBit() == 0) {
            return r.readSigned(20);
        }
        if (r.readBit() == 0) {
            return r.readSigned(32);
        }
        return r.read(64);
    }

    private void readValue() {
        BitReader r = in;
        if (r.readBit() == 0) {
            return; // same bits as before
        }
        if (r.readBit() == 0) {
            if (index == 0) {
                valueBits = r.read(64); // first value stored raw
            } else if (windowLead == NO_WINDOW) {
                throw new IllegalArgumentException(
                        "corrupt chunk: window reuse before any window at sample " + index);
            } else {
                valueBits ^= r.read(64 - windowLead - windowTrail) << windowTrail;
            }
            return;
        }
        int header = (int) r.read(11);
        int lead = header >>> 6;
        int m = header & 0x3F;
        if (m == 0) {
            m = 64;
        }
        int trail = 64 - lead - m;
        if (trail < 0) {
            throw new IllegalArgumentException("corrupt chunk: window of " + m
                    + " bits after " + lead + " leading zeros at sample " + index);
        }
        valueBits ^= r.read(m) << trail;
        if (index > 0) { // the first value's window is not reusable
            windowLead = lead;
            windowTrail = trail;
        }
    }

    /**
     * Timestamp of the current sample (epoch millis).
     *
     * @throws NoSuchElementException if {@link #next} has not returned true yet, or has returned
     *     false
     */
    public long timestamp() {
        requireCurrent();
        return timestamp;
    }

    /**
     * Value of the current sample.
     *
     * @throws NoSuchElementException if {@link #next} has not returned true yet, or has returned
     *     false
     */
    public double value() {
        requireCurrent();
        return Double.longBitsToDouble(valueBits);
    }

    /**
     * Raw bits of the current sample's value ({@link Double#doubleToRawLongBits} of what was
     * appended), e.g. to detect a specific NaN stale marker.
     */
    public long valueBits() {
        requireCurrent();
        return valueBits;
    }

    private void requireCurrent() {
        if (index == 0 || exhausted) {
            throw new NoSuchElementException(index == 0
                    ? "next() has not returned a sample yet" : "iterator is exhausted");
        }
    }

    /** Total number of samples in the chunk. */
    public int count() {
        return count;
    }

    /** Number of samples consumed so far (the current sample is number {@code position() - 1}). */
    public int position() {
        return index;
    }
}
