package dev.vigil.reports.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.vigil.analytics.TimeRange;
import dev.vigil.reports.health.HealthReport;
import dev.vigil.reports.health.HealthReportAssembler;
import dev.vigil.reports.health.ReportFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the scheduled health reports that are due: for each configured cadence, the report of the
 * last completed period unless it is stored already, then prunes to the retention. Driven from
 * outside ({@link #runDue()} on a timer, or from a test with a fixed clock): it has no thread of
 * its own. A period with no data still gets its report (it says so). Blocks for seconds: call it
 * from a worker. Thread-safe: concurrent runs are serialised, so a period is written once.
 */
public final class ReportScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final ReportStore store;
    private final HealthReportAssembler assembler;
    private final ReportFiles files;
    private final ReportSchedule schedule;
    private final Clock clock;

    public ReportScheduler(ReportStore store, HealthReportAssembler assembler, ReportFiles files, ReportSchedule schedule, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.assembler = Objects.requireNonNull(assembler, "assembler");
        this.files = Objects.requireNonNull(files, "files");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ReportSchedule schedule() {
        return schedule;
    }

    /** Writes every due report; returns those written now (empty when all were there already). */
    public synchronized List<StoredReport> runDue() {
        List<StoredReport> written = new ArrayList<>();
        for (ReportCadence cadence : ReportCadence.values()) {
            if (!schedule.cadences().contains(cadence)) {
                continue;
            }
            TimeRange period = cadence.lastCompleted(clock.instant());
            String id = cadence.id(period);
            try {
                if (store.find(id).isEmpty()) {
                    HealthReport report = assembler.assemble(period, step -> { });
                    written.add(store.save(id, cadence, period.from(), period.to(), clock.instant(),
                            dir -> files.write(report, dir)));
                    LOG.info("scheduled {} report {} written", cadence.label(), id);
                }
                store.retain(cadence, schedule.retention());
            } catch (IOException e) {
                throw new UncheckedIOException("scheduled report " + id + " could not be written", e);
            }
        }
        return written;
    }
}
