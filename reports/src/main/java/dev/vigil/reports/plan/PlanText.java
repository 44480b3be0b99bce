package dev.vigil.reports.plan;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formats of the plan, so every section writes them alike. Thread-safe. */
final class PlanText {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private PlanText() {
    }

    static String minute(Instant at) {
        return at == null ? "—" : MINUTE.format(at);
    }

    static String day(Instant at) {
        return at == null ? "—" : DAY.format(at);
    }

    static String percent(double ratio) {
        if (Double.isNaN(ratio)) {
            return "—";
        }
        double p = 100 * ratio;
        return String.format(Locale.ROOT, p > 0 && p < 0.1 ? "%.2f%%" : "%.1f%%", p);
    }

    static String uptime(double percent) {
        return Double.isNaN(percent) ? "—" : String.format(Locale.ROOT, percent >= 99.95 && percent < 100 ? "%.2f%%" : "%.1f%%", percent);
    }

    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "—";
        }
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Table cells and list items are one line; pipes would split a cell. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").replace("|", "\\|").replace("<!--", "<!‑‑").trim();
    }
}
