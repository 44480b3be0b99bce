package dev.vigil.analytics.slo;

import java.time.Duration;
import java.util.Locale;

/** Durations as SLO files write them: {@code 5m}, {@code 1h}, {@code 30d}, {@code 300ms}, or ISO-8601. */
public final class SloDurations {
    private SloDurations() {
    }

    /** @throws IllegalArgumentException saying how to write one */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1).trim());
            Duration parsed = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                case 'w' -> Duration.ofDays(7 * amount);
                default -> throw new NumberFormatException();
            };
            if (parsed.isNegative()) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 300ms, 5m, 1h, 30d");
        }
    }

    /** The shortest of the forms {@link #parse} reads back: {@code 30d}, {@code 6h}, {@code 5m}, {@code 250ms}. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
