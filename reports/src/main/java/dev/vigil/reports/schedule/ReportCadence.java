package dev.vigil.reports.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

import dev.vigil.analytics.TimeRange;

/**
 * How often a scheduled report is made, and which period it covers: a daily report covers the
 * last complete UTC day, a weekly one the last complete ISO week (Monday 00:00 to Monday 00:00 UTC).
 */
public enum ReportCadence {
    DAILY, WEEKLY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The last period that ended at or before {@code now}. */
    public TimeRange lastCompleted(Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate end = this == DAILY ? today : today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate start = this == DAILY ? end.minusDays(1) : end.minusWeeks(1);
        return TimeRange.of(start.atStartOfDay(ZoneOffset.UTC).toInstant(), end.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The report id of a period: {@code daily-2026-11-02}, {@code weekly-2026-10-26} (the Monday). */
    public String id(TimeRange period) {
        return label() + "-" + period.from().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The cadence named by {@code label} (daily, weekly). */
    public static ReportCadence parse(String label) {
        for (ReportCadence c : values()) {
            if (c.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a report cadence; use daily or weekly");
    }
}
