package dev.vigil.bench.protocols;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.xerial.snappy.Snappy;

/**
 * One pre-encoded request body (or TCP burst). Log bodies are sent as they are, again and again.
 * Metric bodies must not repeat a (series, timestamp) pair, so they keep their timestamps at
 * fixed-width positions and {@link #render} writes fresh ones into a copy: 13 decimal digits
 * (NDJSON) or a 6-byte varint (protobuf, every epoch-millisecond time from 2004 to 2109), then
 * snappy-compresses when the format wants it. Immutable; {@link #render} is thread-safe.
 */
abstract class Body {
    private final int events;

    Body(int events) {
        this.events = events;
    }

    int events() {
        return events;
    }

    /**
     * The bytes to send; sample {@code i} gets timestamp {@code firstTimestampMillis + i}
     * (ignored by log bodies).
     */
    abstract byte[] render(long firstTimestampMillis);

    /** Size of one rendered body in bytes. */
    abstract int size();

    static Body fixed(byte[] bytes, int events) {
        return new Body(events) {
            @Override
            byte[] render(long firstTimestampMillis) {
                return bytes;
            }

            @Override
            int size() {
                return bytes.length;
            }
        };
    }

    /** Timestamps as 13 ASCII digits at {@code offsets}. */
    static Body decimalStamped(byte[] bytes, int[] offsets) {
        return new Stamped(bytes, offsets, false, false);
    }

    /** Timestamps as 6-byte varints at {@code offsets}; snappy block compression after stamping. */
    static Body varintStampedSnappy(byte[] raw, int[] offsets) {
        return new Stamped(raw, offsets, true, true);
    }

    private static final class Stamped extends Body {
        private final byte[] bytes;
        private final int[] offsets;
        private final boolean varint;
        private final boolean snappy;
        private final int size;

        Stamped(byte[] bytes, int[] offsets, boolean varint, boolean snappy) {
            super(offsets.length);
            this.bytes = bytes;
            this.offsets = offsets;
            this.varint = varint;
            this.snappy = snappy;
            this.size = snappy ? compress(bytes).length : bytes.length;
        }

        @Override
        byte[] render(long firstTimestampMillis) {
            byte[] out = bytes.clone();
            for (int i = 0; i < offsets.length; i++) {
                long t = firstTimestampMillis + i;
                if (varint) {
                    writeVarint6(out, offsets[i], t);
                } else {
                    writeDigits13(out, offsets[i], t);
                }
            }
            return snappy ? compress(out) : out;
        }

        @Override
        int size() {
            return size;
        }
    }

    static void writeDigits13(byte[] out, int at, long value) {
        if (value < 1_000_000_000_000L || value > 9_999_999_999_999L) {
            throw new IllegalArgumentException("not a 13-digit timestamp: " + value);
        }
        for (int i = 12; i >= 0; i--) {
            out[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static void writeVarint6(byte[] out, int at, long value) {
        if (value < (1L << 35) || value >= (1L << 42)) {
            throw new IllegalArgumentException("timestamp does not take 6 varint bytes: " + value);
        }
        for (int i = 0; i < 5; i++) {
            out[at + i] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[at + 5] = (byte) value;
    }

    static byte[] compress(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
