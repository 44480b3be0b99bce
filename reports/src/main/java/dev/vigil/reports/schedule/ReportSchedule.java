package dev.vigil.reports.schedule;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which scheduled reports to make and how many of each to keep. Immutable.
 *
 * @param cadences  the cadences to make; empty turns scheduling off
 * @param retention how many reports of each cadence to keep (the newest), at least 1
 */
public record ReportSchedule(Set<ReportCadence> cadences, int retention) {
    public static final String SCHEDULE_SETTING = "report-schedule";
    public static final String RETENTION_SETTING = "report-retention";
    public static final int DEFAULT_RETENTION = 14;
    public static final int MAX_RETENTION = 1000;

    public ReportSchedule {
        cadences = cadences.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(cadences));
        if (retention < 1 || retention > MAX_RETENTION) {
            throw new IllegalArgumentException("'" + retention + "' is out of range: keep between 1 and " + MAX_RETENTION + " reports");
        }
    }

    /** No scheduled reports. */
    public static ReportSchedule off() {
        return new ReportSchedule(Set.of(), DEFAULT_RETENTION);
    }

    public boolean enabled() {
        return !cadences.isEmpty();
    }

    /** This schedule with the cadences of {@code spec}: {@code daily}, {@code weekly}, {@code daily,weekly} or {@code off}. */
    public ReportSchedule withCadences(String spec) {
        String s = spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("off") || s.equalsIgnoreCase("none")) {
            return new ReportSchedule(Set.of(), retention);
        }
        Set<ReportCadence> set = EnumSet.noneOf(ReportCadence.class);
        for (String part : s.split(",")) {
            set.add(ReportCadence.parse(part));
        }
        return new ReportSchedule(set, retention);
    }

    /** This schedule keeping {@code text} reports of each cadence. */
    public ReportSchedule withRetention(String text) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of reports to keep");
        }
        return new ReportSchedule(cadences, n);
    }
}
