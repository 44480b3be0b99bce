package dev.vigil.reports.incident;

import java.util.List;

import dev.vigil.rca.Evidence;
import dev.vigil.rca.RootCauseCandidate;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.TimelineEntry;
import dev.vigil.reports.health.HealthFormat;

/**
 * Renders an {@link IncidentReport} as GitHub-flavoured Markdown: the same sections as the PDF
 * ({@link IncidentReportSections}), tables for the timeline, endpoints and changes, and the chart
 * as an image link under a caller-chosen base (a directory beside the file, or a URL).
 * Table cells are escaped so a pipe or newline in a log message cannot break a table.
 * Thread-safe (stateless).
 */
public final class IncidentMarkdownWriter {

    /**
     * @param chartBase what the chart link starts with, without a trailing slash, e.g.
     *                  {@code incident-report-charts} or {@code /api/v1/incidents/ID/report/charts}
     */
    public String write(IncidentReport r, String chartBase) {
        Incident incident = r.incident();
        StringBuilder md = new StringBuilder(8 * 1024);
        md.append("# ").append(inline(r.title())).append("\n\n");
        md.append('_').append("Generated ").append(HealthFormat.instant(r.generatedAt())).append(" by Vigil; all times UTC._\n\n");

        md.append("## ").append(IncidentReportSections.SUMMARY).append("\n\n").append(inline(r.summary())).append("\n\n");
        md.append("| Field | Value |\n|---|---|\n");
        for (String[] row : IncidentReportSections.facts(r)) {
            md.append("| ").append(cell(row[0])).append(" | ").append(cell(row[1])).append(" |\n");
        }
        md.append('\n');

        md.append("## ").append(IncidentReportSections.TIMELINE).append("\n\n");
        if (r.timeline().isEmpty()) {
            md.append("No entries.\n\n");
        } else {
            md.append("| Time | Type | Service | What happened |\n|---|---|---|---|\n");
            for (TimelineEntry e : r.timeline()) {
                md.append("| ").append(cell(HealthFormat.instantNear(e.at(), incident.window().from()))).append(" | ")
                        .append(cell(e.type().label())).append(" | ").append(cell(e.service() == null ? "" : e.service())).append(" | ")
                        .append(cell(e.summary())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## ").append(IncidentReportSections.CAUSES).append("\n\n");
        if (r.candidates().isEmpty()) {
            md.append(IncidentReportSections.NO_CAUSES).append("\n\n");
        }
        for (RootCauseCandidate c : r.candidates()) {
            md.append("### ").append(c.rank()).append(". ").append(inline(CandidateText.label(c))).append(" (").append(CandidateText.kind(c)).append(", score ")
                    .append(HealthFormat.score(c.score())).append(")\n\n");
            md.append("Onset: ").append(HealthFormat.instantNear(c.onset(), incident.window().from())).append(". ")
                    .append(inline(c.explanation())).append("\n\n");
            if (!c.evidence().isEmpty()) {
                md.append("Evidence:\n\n");
                for (Evidence e : c.evidence()) {
                    md.append("- ").append(inline(e.description())).append('\n');
                }
                md.append('\n');
            }
        }

        md.append("## ").append(IncidentReportSections.USERS).append("\n\n");
        md.append(inline(IncidentReportSections.usersIntro(r))).append("\n\n");
        md.append("![Errors and p95 latency of the most affected endpoints](").append(chartBase).append('/')
                .append(IncidentChartRenderer.USERS_VIEW_FILE).append(")\n\n");
        List<EndpointImpact> shown = IncidentReportSections.shownEndpoints(r);
        if (!shown.isEmpty()) {
            md.append("| Endpoint | Requests before | Requests during | Errors before | Errors during | p95 before | p95 during | Affected |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (EndpointImpact e : shown) {
                String[] row = IncidentReportSections.endpointRow(e);
                md.append('|');
                for (String value : row) {
                    md.append(' ').append(cell(value)).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }

        md.append("## ").append(IncidentReportSections.CHANGES).append("\n\n");
        if (r.changes().isEmpty()) {
            md.append(IncidentReportSections.NO_CHANGES).append("\n\n");
        } else {
            md.append("| Time | Change | Type | Verdict | Why |\n|---|---|---|---|---|\n");
            for (RelatedChange c : r.changes()) {
                md.append("| ").append(cell(HealthFormat.instantNear(c.at(), incident.window().from()))).append(" | ")
                        .append(cell(c.label())).append(" | ").append(cell(c.type())).append(" | **").append(cell(c.verdict()))
                        .append("** | ").append(cell(c.summary())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## ").append(IncidentReportSections.FOLLOW_UPS).append("\n\n");
        for (String item : r.followUps()) {
            md.append("- [ ] ").append(inline(item)).append('\n');
        }
        md.append('\n');
        return md.toString();
    }

    /** One table cell: pipes escaped, line breaks flattened. */
    static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    /** Text on one line, with characters Markdown would read as markup escaped. */
    static String inline(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').toCharArray()) {
            switch (ch) {
                // '>' and '#' only mean something at the start of a line, where this text never goes.
                case '*', '_', '`', '[', ']', '<', '\\' -> out.append('\\').append(ch);
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
