package dev.vigil.reports.health;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Human-friendly formatting shared by the Markdown and PDF writers. All output is Latin-1 apart from
 * {@code "×"} (U+00D7, also Latin-1), so it renders with the PDF base fonts too. Times are UTC.
 * Missing values (NaN, infinite, null) format as {@link #NA}.
 */
public final class HealthFormat {

    /** Shown for missing values. */
    public static final String NA = "n/a";

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private HealthFormat() {
    }

    private static String fmt(String pattern, double v) {
        // DecimalFormat is not thread-safe, so make one per call; this is not a hot path.
        return new DecimalFormat(pattern, SYMBOLS).format(v);
    }

    private static boolean missing(double v) {
        return Double.isNaN(v) || Double.isInfinite(v);
    }

    /** {@code 1234567 -> "1,234,567"}. */
    public static String count(long n) {
        return fmt("#,##0", n);
    }

    /** A latency in milliseconds: "0.42 ms", "38.5 ms", "245 ms", "1.24 s", "12.3 s", "2.5 min", "1.2 h". */
    public static String duration(double ms) {
        if (missing(ms)) {
            return NA;
        }
        double a = Math.abs(ms);
        if (a == 0) {
            return "0 ms";
        }
        if (a < 1) {
            return fmt("0.##", ms) + " ms";
        }
        if (a < 99.95) {
            return fmt("0.#", ms) + " ms";
        }
        if (a < 999.5) {
            return fmt("0", ms) + " ms";
        }
        if (a < 9_995) {
            return fmt("0.00", ms / 1000) + " s";
        }
        if (a < 59_950) {
            return fmt("0.0", ms / 1000) + " s";
        }
        if (a < 3_597_000) {
            return fmt("0.#", ms / 60_000) + " min";
        }
        return fmt("#,##0.#", ms / 3_600_000) + " h";
    }

    /** A fraction 0..1 as a percentage: 0.0235 -> "2.35%". */
    public static String fractionPercent(double fraction) {
        return missing(fraction) ? NA : percent(fraction * 100);
    }

    /** A percentage 0..100: "0%", "<0.01%", "2.35%", "42.1%", "100%". */
    public static String percent(double p) {
        if (missing(p)) {
            return NA;
        }
        double a = Math.abs(p);
        if (a == 0) {
            return "0%";
        }
        if (a < 0.01) {
            return (p < 0 ? ">-" : "<") + "0.01%";
        }
        if (a < 10) {
            return fmt("0.00", p) + "%";
        }
        if (a < 100) {
            return fmt("0.0", p) + "%";
        }
        return fmt("#,##0", p) + "%";
    }

    /**
     * Uptime 0..100 with two decimals, never rounded up to 100% unless it is exactly 100
     * (99.996 -> "99.99%", not "100.00%").
     */
    public static String uptime(double p) {
        if (missing(p)) {
            return NA;
        }
        if (p >= 100) {
            return "100%";
        }
        return fmt("0.00", Math.floor(Math.max(0, p) * 100) / 100) + "%";
    }

    /** A rate per second: "0.25/s", "12.5/s", "1,234/s". */
    public static String rate(double perSecond) {
        if (missing(perSecond)) {
            return NA;
        }
        return number(perSecond) + "/s";
    }

    /** A byte count in binary units: "512 B", "1.5 MiB", "1.82 GiB". */
    public static String bytes(double v) {
        if (missing(v)) {
            return NA;
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = v;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return number(value) + " " + units[unit];
    }

    /** A plain number with about three significant digits and thousands separators. */
    public static String number(double v) {
        if (missing(v)) {
            return NA;
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a < 0.01) {
            return fmt("0.0###", v);
        }
        if (a < 10) {
            return fmt("0.##", v);
        }
        if (a < 100) {
            return fmt("0.#", v);
        }
        return fmt("#,##0", v);
    }

    /** A 0..1 confidence score with two decimals. */
    public static String score(double s) {
        return missing(s) ? NA : fmt("0.00", s);
    }

    /** An unbounded anomaly score with one decimal. */
    public static String anomalyScore(double s) {
        return missing(s) ? NA : fmt("#,##0.0", s);
    }

    /** "2025-03-14 09:32 UTC" (seconds shown only when non-zero). */
    public static String instant(Instant t) {
        if (t == null) {
            return NA;
        }
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return (z.getSecond() == 0 && z.getNano() == 0 ? DATE_TIME : DATE_TIME_SECONDS).format(z) + " UTC";
    }

    /** "09:32 UTC", or the full date when {@code t} is not on the same UTC day as {@code reference}. */
    public static String instantNear(Instant t, Instant reference) {
        if (t == null) {
            return NA;
        }
        if (reference == null || !day(t).equals(day(reference))) {
            return instant(t);
        }
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return (z.getSecond() == 0 && z.getNano() == 0 ? TIME : TIME_SECONDS).format(z) + " UTC";
    }

    /** "2025-03-14 08:00 to 12:00 UTC (4 h)". */
    public static String window(Instant from, Instant to) {
        String end = day(from).equals(day(to)) ? instantNear(to, from) : instant(to);
        String start = instant(from);
        start = start.substring(0, start.length() - " UTC".length());
        return start + " to " + end + " (" + span(Duration.between(from, to)) + ")";
    }

    /** A duration such as "45 s", "15 min", "4 h", "1 h 30 min", "2 d 3 h". */
    public static String span(Duration d) {
        if (d == null) {
            return NA;
        }
        long s = Math.abs(d.getSeconds());
        String sign = d.isNegative() ? "-" : "";
        if (s < 60) {
            return sign + s + " s";
        }
        long days = s / 86_400;
        long hours = (s % 86_400) / 3_600;
        long minutes = (s % 3_600) / 60;
        if (days > 0) {
            return sign + days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return sign + hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return sign + minutes + " min";
    }

    /** Change from baseline: "+34%", "-20%", "3.4×", or {@link #NA} when the baseline is zero or missing. */
    public static String change(double value, double baseline) {
        if (missing(value) || missing(baseline) || baseline == 0) {
            return NA;
        }
        double ratio = value / baseline;
        if (ratio >= 2) {
            return fmt("#,##0.#", ratio) + "\u00D7";
        }
        double pct = (ratio - 1) * 100;
        return (pct >= 0 ? "+" : "") + fmt("0", pct) + "%";
    }

    /** "deploy" -> "Deploy". */
    public static String capitalize(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** A p-value as people quote it: "p < 0.001", "p = 0.012", or "" when missing. */
    public static String pValue(double p) {
        if (missing(p)) {
            return "";
        }
        if (p < 0.001) {
            return "p < 0.001";
        }
        return "p = " + fmt("0.###", p);
    }

    /** A burn rate: "0.4\u00D7", "6\u00D7", "14.4\u00D7". */
    public static String burn(double rate) {
        return missing(rate) ? NA : fmt(rate >= 10 ? "#,##0" : "0.#", rate) + "\u00D7";
    }

    /** Change of a 0..1 rate in percentage points: "+2.1 pp", "-0.3 pp", "0 pp". */
    public static String pointsChange(double value, double before) {
        if (missing(value) || missing(before)) {
            return NA;
        }
        double pp = (value - before) * 100;
        if (Math.abs(pp) < 0.05) {
            return "0 pp";
        }
        return (pp > 0 ? "+" : "") + fmt("0.0", pp) + " pp";
    }

    private static final java.util.regex.Pattern SERIES_LABELS = java.util.regex.Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^{}]*)\\}");
    private static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final java.util.regex.Pattern ISO_INSTANT = java.util.regex.Pattern.compile(
            "\\b(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2})(:\\d{2})?(?:\\.\\d+)?Z\\b");

    /**
     * Text from the analyses made easier to read in a report: series names lose the labels a reader
     * already sees in the service column ({@code instance}, {@code service}, {@code job}), so
     * {@code jvm_memory_used_bytes{area="heap",instance="inventory-1",service="inventory"}} becomes
     * {@code jvm_memory_used_bytes{area="heap"}}; ISO instants become "10:42 UTC" on the day of
     * {@code reference} and "2026-11-02 10:42 UTC" otherwise.
     */
    public static String readable(String text, Instant reference) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        java.util.regex.Matcher m = SERIES_LABELS.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            List<String> kept = new ArrayList<>();
            java.util.regex.Matcher l = LABEL.matcher(m.group(2));
            boolean labels = false;
            while (l.find()) {
                labels = true;
                String name = l.group(1);
                if (!name.equals("instance") && !name.equals("service") && !name.equals("job")) {
                    kept.add(l.group());
                }
            }
            String replacement = !labels ? m.group() : kept.isEmpty() ? m.group(1) : m.group(1) + "{" + String.join(",", kept) + "}";
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        java.util.regex.Matcher t = ISO_INSTANT.matcher(out.toString());
        StringBuilder done = new StringBuilder(out.length());
        String referenceDay = reference == null ? null : day(reference).toString();
        while (t.find()) {
            String seconds = t.group(3) == null || t.group(3).equals(":00") ? "" : t.group(3);
            String time = t.group(2) + seconds + " UTC";
            t.appendReplacement(done, java.util.regex.Matcher.quoteReplacement(t.group(1).equals(referenceDay) ? time : t.group(1) + " " + time));
        }
        t.appendTail(done);
        return done.toString();
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
