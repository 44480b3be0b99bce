/**
 * Scheduled health reports: daily and weekly reports made from configuration
 * ({@code report-schedule=daily,weekly}, {@code report-retention=N}) and kept under
 * {@code DATA_DIR/reports/<id>/} with an index, the last N of each cadence.
 * {@link dev.vigil.reports.schedule.ReportScheduler} decides what is due and writes it through
 * {@link dev.vigil.reports.schedule.ReportStore}, the only class that touches the directory.
 */
package dev.vigil.reports.schedule;
