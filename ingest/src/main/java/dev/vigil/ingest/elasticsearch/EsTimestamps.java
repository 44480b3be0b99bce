package dev.vigil.ingest.elasticsearch;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Timestamps;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;

/**
 * The {@code @timestamp} spellings Elasticsearch's default date format and the shippers produce:
 * RFC 3339 / ISO 8601 with {@code T} or a space, with or without fraction, with {@code Z},
 * {@code +HH:MM} or {@code +HHMM}, or without an offset (UTC, as Elasticsearch assumes);
 * {@code YYYY-MM-DD} (midnight UTC); epoch numbers whose unit is guessed by magnitude (seconds,
 * milliseconds, microseconds, nanoseconds; seconds may have a fraction). Empty or {@code 0}
 * means "now" (the receive time), as VictoriaLogs' emulation does. Stateless and thread-safe.
 */
final class EsTimestamps {
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private EsTimestamps() {
    }

    static long parse(String field, String text, long receivedNanos) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("0")) {
            return receivedNanos;
        }
        if (isDigits(t)) {
            if (t.length() > 19) {
                throw new InvalidFieldException(field, "'" + shorten(t) + "' is too large for an epoch time");
            }
            return Timestamps.fromEpochInteger(field, Long.parseLong(t));
        }
        long fast = fastRfc3339(t);
        if (fast > 0) {
            return fast;
        }
        if (isDecimal(t)) {
            return Timestamps.fromEpochNumber(field, Double.parseDouble(t));
        }
        try {
            if (t.length() == 10) {
                return nanos(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).getEpochSecond(), 0);
            }
            String normalized = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
            TemporalAccessor parsed = DATE_TIME.parseBest(normalized, OffsetDateTime::from, LocalDateTime::from);
            OffsetDateTime at = parsed instanceof OffsetDateTime odt ? odt : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
            long seconds = at.toEpochSecond();
            if (seconds <= 0) {
                throw new InvalidFieldException(field, "must be after 1970-01-01T00:00:00Z");
            }
            return nanos(seconds, at.getNano());
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidFieldException(field, "'" + shorten(t) + "' is not a date: use RFC 3339 (2026-11-25T10:42:00.123Z),"
                    + " YYYY-MM-DD or epoch milliseconds");
        }
    }

    /**
     * The shape nearly every shipper sends, {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)},
     * read digit by digit (the formatter costs more than the rest of a document); {@code -1} for any
     * other shape or an out-of-range field, which the full parser then handles or reports.
     */
    static long fastRfc3339(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != 't')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return -1;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 1970 || year > 2261 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)
                || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) {
            return -1;
        }
        int i = 19;
        long fraction = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return -1;
            }
            fraction = digits(t, start, count);
            for (int k = count; k < 9; k++) {
                fraction *= 10;
            }
        }
        long offset;
        if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
            offset = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if (oh < 0 || oh > 17 || om < 0 || om > 59) {
                return -1;
            }
            offset = (oh * 3600L + om * 60L) * (t.charAt(i) == '-' ? -1 : 1);
        } else {
            return -1;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second - offset;
        return seconds <= 0 ? -1 : seconds * 1_000_000_000L + fraction;
    }

    private static int lengthOfMonth(int year, int month) {
        return java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static long nanos(long seconds, int nanos) {
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }

    private static boolean isDigits(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !t.isEmpty();
    }

    private static boolean isDecimal(String t) {
        int dot = t.indexOf('.');
        return dot > 0 && dot < t.length() - 1 && dot == t.lastIndexOf('.')
                && isDigits(t.substring(0, dot)) && isDigits(t.substring(dot + 1));
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
