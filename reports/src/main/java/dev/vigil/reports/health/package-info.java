/**
 * Health-report rendering: a view model ({@link dev.vigil.reports.health.HealthReport} and friends)
 * and pure renderers that turn it into PNG charts ({@link dev.vigil.reports.health.ChartRenderer}),
 * GitHub-flavoured Markdown ({@link dev.vigil.reports.health.MarkdownReportWriter}) and an A4 PDF
 * ({@link dev.vigil.reports.health.PdfReportWriter}). {@link dev.vigil.reports.health.ReportFiles}
 * writes all of them to a directory. {@link dev.vigil.reports.health.HealthReportAssembler} fills the view
 * model from the pipeline and the optional {@link dev.vigil.reports.health.HealthSources} (SLOs, incidents,
 * change verdicts, recorded anomalies); {@link dev.vigil.reports.health.RecommendationDeriver} turns the
 * findings into actions. {@link dev.vigil.reports.health.PdfLayout} is the A4 layout (title page, contents,
 * headings, tables) other PDF reports may share, and {@link dev.vigil.reports.health.HealthFormat} the
 * number, time and text formatting.
 *
 * <p>Chart rendering uses AWT; run the JVM with {@code -Djava.awt.headless=true} on servers.
 */
package dev.vigil.reports.health;
