/**
 * The incident report: one incident written up for its post-mortem, in Markdown and PDF with the
 * same content (summary, timeline, root-cause candidates with evidence, what users saw per
 * endpoint with a chart, related changes with their verdicts, follow-up items).
 * {@link dev.vigil.reports.incident.IncidentReportAssembler} gathers the facts,
 * {@link dev.vigil.reports.incident.IncidentMarkdownWriter} and
 * {@link dev.vigil.reports.incident.IncidentPdfWriter} lay them out, and
 * {@link dev.vigil.reports.incident.IncidentReportFiles} writes all of it to a directory.
 */
package dev.vigil.reports.incident;
