package dev.vigil.ingest.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Conversions between RFC 3339 text, {@link Instant} and epoch nanoseconds. */
public final class Timestamps {
    private Timestamps() {
    }

    public static long toNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    public static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** RFC 3339 in UTC with as many fraction digits as needed (at most nine). */
    public static String format(long epochNanos) {
        return DateTimeFormatter.ISO_INSTANT.format(toInstant(epochNanos));
    }

    /**
     * Parses RFC 3339 ({@code 2026-11-25T10:42:00.123456789Z} or with an offset).
     *
     * @throws InvalidFieldException naming {@code field} when the text is not a timestamp
     */
    public static long parse(String field, String text) {
        try {
            return toNanos(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidFieldException(field, "'" + text + "' is not an RFC 3339 timestamp such as 2026-11-25T10:42:00.123Z");
        }
    }

    /**
     * Reads a number as epoch time, guessing the unit by magnitude as Elasticsearch and Loki users
     * expect: seconds (with fraction), milliseconds, microseconds or nanoseconds.
     */
    public static long fromEpochNumber(String field, double value) {
        double abs = Math.abs(value);
        if (Double.isNaN(value) || value <= 0) {
            throw new InvalidFieldException(field, "must be a positive epoch time");
        }
        double nanos = abs < 1e11 ? value * 1e9 : abs < 1e14 ? value * 1e6 : abs < 1e17 ? value * 1e3 : value;
        if (nanos >= 0x1p63) {
            // A cast would silently clamp to 2262-04-11; the integer path refuses these too.
            throw new InvalidFieldException(field, "is too large for an epoch time");
        }
        return Math.round(nanos);
    }

    /**
     * Reads an integer as epoch time with the same unit thresholds as {@link #fromEpochNumber},
     * scaled exactly rather than through a double, which would lose the last digits of a
     * nanosecond timestamp.
     */
    public static long fromEpochInteger(String field, long value) {
        if (value <= 0) {
            throw new InvalidFieldException(field, "must be a positive epoch time");
        }
        try {
            if (value < 100_000_000_000L) {
                return Math.multiplyExact(value, 1_000_000_000L);
            } else if (value < 100_000_000_000_000L) {
                return Math.multiplyExact(value, 1_000_000L);
            } else if (value < 100_000_000_000_000_000L) {
                return Math.multiplyExact(value, 1_000L);
            }
            return value;
        } catch (ArithmeticException e) {
            throw new InvalidFieldException(field, "is too large for an epoch time");
        }
    }
}
