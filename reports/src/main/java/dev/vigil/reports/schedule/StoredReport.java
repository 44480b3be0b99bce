package dev.vigil.reports.schedule;

import java.time.Instant;
import java.util.List;

/**
 * A report kept in the data directory.
 *
 * @param id          the directory name, e.g. {@code daily-2026-11-02} (see {@link ReportStore#isValidId})
 * @param cadence     daily or weekly
 * @param from        start of the period it covers
 * @param to          end of the period (exclusive)
 * @param generatedAt when it was written
 * @param files       its files, relative to its directory with '/' separators, sorted
 */
public record StoredReport(String id, ReportCadence cadence, Instant from, Instant to, Instant generatedAt, List<String> files) {
    public StoredReport {
        files = List.copyOf(files);
    }
}
