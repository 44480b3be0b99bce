/**
 * Health-report rendering: a view model ({@link dev.vigil.reports.health.HealthReport} and friends)
 * and pure renderers that turn it into PNG charts ({@link dev.vigil.reports.health.ChartRenderer}),
 * GitHub-flavoured Markdown ({@link dev.vigil.reports.health.MarkdownReportWriter}) and an A4 PDF
 * ({@link dev.vigil.reports.health.PdfReportWriter}). {@link dev.vigil.reports.health.ReportFiles}
 * writes all of them to a directory.
 *
 * <p>Chart rendering uses AWT; run the JVM with {@code -Djava.awt.headless=true} on servers.
 */
package dev.vigil.reports.health;
