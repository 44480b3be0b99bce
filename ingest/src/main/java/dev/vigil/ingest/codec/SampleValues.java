package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.InvalidFieldException;

/**
 * The textual forms of a metric sample value shared by the Prometheus text format and Vigil's
 * JSON: decimal numbers plus {@code NaN}, {@code +Inf}, {@code Inf} and {@code -Inf}.
 *
 * <p>Stateless and thread-safe.
 */
final class SampleValues {
    private SampleValues() {
    }

    /**
     * Parses a sample value. Special values are matched case-insensitively and also in the
     * {@code Infinity} spelling, because Go's ParseFloat (which Prometheus uses) accepts both.
     * Java-only forms such as {@code 1d}, {@code 0x1p3} or a trailing {@code f} are refused so that
     * Vigil accepts exactly what other Prometheus tooling accepts.
     *
     * @throws InvalidFieldException naming {@code field} when the text is not a value
     */
    static double parse(String field, String text) {
        String special = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (special.equalsIgnoreCase("inf") || special.equalsIgnoreCase("infinity")) {
            return text.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (special.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (!isDecimal(text)) {
            throw new InvalidFieldException(field, "'" + shorten(text) + "' is not a number; use a number, NaN, +Inf or -Inf");
        }
        return Double.parseDouble(text);
    }

    /** The JSON string for a value JSON numbers cannot hold, or {@code null} for finite values. */
    static String nonFiniteText(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return null;
    }

    /** {@code [+-]digits[.digits][(e|E)[+-]digits]}, with digits on at least one side of the dot. */
    private static boolean isDecimal(String text) {
        int i = 0;
        int n = text.length();
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Keeps error messages short when a client sends a huge bogus value. */
    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
