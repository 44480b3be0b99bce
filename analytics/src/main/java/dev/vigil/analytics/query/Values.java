package dev.vigil.analytics.query;

import java.time.Instant;

import dev.vigil.ingest.model.Timestamps;

/**
 * The value rules of rows: values are {@link String}, {@link Long}, {@link Double} or
 * {@link Instant} (timestamps). Text that reads as a number compares as a number, so an attribute
 * {@code "503"} equals the literal {@code 503}. Stateless and thread-safe.
 */
final class Values {
    private Values() {
    }

    /** The value as a double, or NaN when it is not numeric. */
    static double number(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Instant instant) {
            return Timestamps.toNanos(instant);
        }
        if (value instanceof String s) {
            return parseNumber(s);
        }
        return Double.NaN;
    }

    /** The value as text: timestamps in RFC 3339, whole doubles without a fraction. */
    static String text(Object value) {
        if (value instanceof Instant instant) {
            return Timestamps.format(Timestamps.toNanos(instant));
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    /**
     * Orders two non-null values: numerically when both are numbers (or numeric text), timestamps
     * against timestamps or RFC 3339 text, otherwise by text.
     */
    static int compare(Object a, Object b) {
        if (a instanceof Instant x) {
            Instant y = instant(b);
            if (y != null) {
                return x.compareTo(y);
            }
        } else if (b instanceof Instant y) {
            Instant x = instant(a);
            if (x != null) {
                return x.compareTo(y);
            }
        }
        double x = number(a);
        double y = number(b);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            return Double.compare(x, y);
        }
        return text(a).compareTo(text(b));
    }

    /** Orders values for sorting: missing values last in either direction is the caller's job; this puts numbers before text. */
    static int sortOrder(Object a, Object b) {
        boolean aNumber = !Double.isNaN(number(a)) || a instanceof Instant;
        boolean bNumber = !Double.isNaN(number(b)) || b instanceof Instant;
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return compare(a, b);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof String s) {
            try {
                return Timestamps.toInstant(Timestamps.parse("timestamp", s));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Parses a decimal number without exceptions on the common non-numeric case. */
    static double parseNumber(String s) {
        int n = s.length();
        if (n == 0 || n > 40) {
            return Double.NaN;
        }
        char first = s.charAt(0);
        if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.') {
            return Double.NaN;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
