package dev.vigil.ingest.metrics.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Static readers for chunks written by {@link ChunkEncoder} (format: see {@link Chunk}). The
 * header accessors read a fixed position and never decode the bit stream.
 */
public final class ChunkDecoder {

    private static final VarHandle INT_BE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private ChunkDecoder() {}

    /** Decoded samples, in timestamp order; both arrays have length {@code count}. */
    public record Samples(long[] timestamps, double[] values) {
        public int count() {
            return timestamps.length;
        }
    }

    /** Returns a new iterator over {@code chunk}. */
    public static ChunkIterator iterator(byte[] chunk) {
        return new ChunkIterator().reset(chunk);
    }

    /** Number of samples, from the header. */
    public static int count(byte[] chunk) {
        return checkHeader(chunk, 0, chunk.length);
    }

    /**
     * First timestamp, from the header.
     *
     * @throws IllegalStateException if the chunk holds no samples
     */
    public static long firstTimestamp(byte[] chunk) {
        requireNonEmpty(chunk);
        return readLong(chunk, Chunk.OFFSET_FIRST_TIMESTAMP);
    }

    /**
     * Last timestamp, from the header.
     *
     * @throws IllegalStateException if the chunk holds no samples
     */
    public static long lastTimestamp(byte[] chunk) {
        requireNonEmpty(chunk);
        return readLong(chunk, Chunk.OFFSET_LAST_TIMESTAMP);
    }

    /** Decodes every sample into new arrays. */
    public static Samples decodeAll(byte[] chunk) {
        int n = count(chunk);
        long[] ts = new long[n];
        double[] vs = new double[n];
        decodeAll(chunk, ts, vs);
        return new Samples(ts, vs);
    }

    /**
     * Decodes every sample into the given arrays, starting at index 0.
     *
     * @return the number of samples written
     * @throws IllegalArgumentException if either array is shorter than the sample count
     */
    public static int decodeAll(byte[] chunk, long[] timestamps, double[] values) {
        ChunkIterator it = iterator(chunk);
        int n = it.count();
        if (timestamps.length < n || values.length < n) {
            throw new IllegalArgumentException("arrays of " + timestamps.length + "/" + values.length
                    + " too short for " + n + " samples");
        }
        int i = 0;
        while (it.next()) {
            timestamps[i] = it.timestamp();
            values[i] = it.value();
            i++;
        }
        return i;
    }

    private static void requireNonEmpty(byte[] chunk) {
        if (count(chunk) == 0) {
            throw new IllegalStateException("chunk holds no samples");
        }
    }

    /** Validates the header of the chunk at {@code buf[offset, offset + length)}; returns its count. */
    static int checkHeader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException(
                    "region [" + offset + ", " + offset + "+" + length + ") outside array of " + buf.length);
        }
        if (length < Chunk.HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "not a chunk: " + length + " bytes, header needs " + Chunk.HEADER_BYTES);
        }
        byte format = buf[offset + Chunk.OFFSET_FORMAT];
        if (format != Chunk.FORMAT_V1) {
            throw new IllegalArgumentException("unsupported chunk format " + format);
        }
        int n = (int) INT_BE.get(buf, offset + Chunk.OFFSET_COUNT);
        if (n < 0) {
            throw new IllegalArgumentException("corrupt chunk: negative sample count " + n);
        }
        return n;
    }

    static long readLong(byte[] buf, int index) {
        return (long) LONG_BE.get(buf, index);
    }
}
