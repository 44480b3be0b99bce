package dev.vigil.reports.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link HealthReport} as GitHub-flavoured Markdown. Pure and thread-safe.
 * Chart images are linked as {@code chartDir/request-rate.png} etc.; pass the directory relative to
 * where the Markdown file will live.
 */
public final class MarkdownReportWriter {

    /**
     * @param r        the report
     * @param chartDir directory of the chart PNGs relative to the Markdown file; null or empty for "same directory"
     */
    public String write(HealthReport r, String chartDir) {
        StringBuilder md = new StringBuilder(8 * 1024);
        header(md, r);
        summary(md, r);
        recommendations(md, r);
        services(md, r);
        performance(md, r);
        slos(md, r);
        uptime(md, r);
        incidents(md, r);
        changes(md, r);
        rootCauses(md, r);
        charts(md, r, chartDir);
        anomalies(md, r);
        bottlenecks(md, r);
        endpoints(md, r);
        md.append("---\n\n_").append(text(ReportContent.generatedLine(r)))
                .append(" by Vigil. Times are UTC. Scores: root causes 0 to 1 (higher is more likely); ")
                .append("anomalies are detector scores (higher is more unusual)._\n");
        return md.toString();
    }

    private static void header(StringBuilder md, HealthReport r) {
        md.append("# ").append(ReportContent.TITLE).append(": ")
                .append(text(HealthFormat.window(r.from(), r.to()))).append("\n\n");
        md.append("**Window:** ").append(text(HealthFormat.instant(r.from()))).append(" to ")
                .append(text(HealthFormat.instant(r.to()))).append(" \u00B7 **Generated:** ")
                .append(text(HealthFormat.instant(r.generatedAt()))).append("\n\n");
    }

    private static void summary(StringBuilder md, HealthReport r) {
        ServiceStatus overall = r.overallStatus();
        md.append("## Summary\n\n").append(text(ReportContent.summaryParagraph(r))).append("\n\n");
        md.append("- **Overall status:** ").append(overall.emoji()).append(" **").append(overall.label()).append("**");
        if (r.services().isEmpty()) {
            md.append(" (").append(text(ReportContent.NO_DATA)).append(")");
        }
        md.append('\n');
        for (ReportContent.SummaryItem item : ReportContent.summaryItems(r)) {
            md.append("- **").append(text(item.label())).append(":** ").append(text(item.text())).append('\n');
        }
        md.append('\n');
    }

    private static void services(StringBuilder md, HealthReport r) {
        md.append("## Services\n\n");
        List<ServiceHealth> services = ReportContent.services(r);
        if (services.isEmpty()) {
            md.append(ReportContent.NO_SERVICES).append("\n\n");
            return;
        }
        md.append('_').append(text(ReportContent.SERVICES_NOTE)).append("_\n\n");
        List<String[]> rows = new ArrayList<>();
        for (ServiceHealth s : services) {
            rows.add(new String[] {
                cell(s.service()),
                s.status().emoji() + " " + s.status().label(),
                HealthFormat.uptime(s.uptimePercent()),
                HealthFormat.count(s.requests()),
                HealthFormat.fractionPercent(s.errorRate()),
                HealthFormat.duration(s.p95Ms()),
                HealthFormat.duration(s.p99Ms()),
            });
        }
        table(md, new String[] {"Service", "Status", "Uptime", "Requests", "Errors", "p95", "p99"},
                new boolean[] {false, false, true, true, true, true, true}, rows);
    }

    private static void rootCauses(StringBuilder md, HealthReport r) {
        md.append("## Root causes\n\n");
        List<RootCauseLine> causes = ReportContent.rootCauses(r);
        if (causes.isEmpty()) {
            md.append(text(r.isEmpty() ? ReportContent.NO_DATA : ReportContent.NO_ROOT_CAUSES)).append("\n\n");
            return;
        }
        for (RootCauseLine c : causes) {
            md.append("### ").append(c.rank()).append(". ").append(text(ReportContent.rootCauseTitle(c))).append("\n\n");
            md.append("**Score:** ").append(HealthFormat.score(c.score())).append(" \u00B7 **Onset:** ")
                    .append(c.onset() == null ? "unknown" : text(HealthFormat.instant(c.onset()))).append("\n\n");
            if (!c.explanation().isBlank()) {
                md.append(text(c.explanation())).append("\n\n");
            }
            if (!c.evidence().isEmpty()) {
                md.append("**Evidence:**\n\n");
                for (String e : c.evidence()) {
                    md.append("- ").append(text(e)).append('\n');
                }
                md.append('\n');
            }
        }
    }

    private static void charts(StringBuilder md, HealthReport r, String chartDir) {
        md.append("## Trends\n\n");
        if (r.timelines().isEmpty()) {
            md.append(text(ReportContent.NO_TIMELINES)).append("\n\n");
        }
        String prefix = chartDir == null || chartDir.isBlank() ? ""
                : chartDir.replace('\\', '/').replaceAll("/+$", "") + "/";
        for (Map.Entry<String, String> e : ReportContent.charts(r).entrySet()) {
            md.append("![").append(text(e.getValue())).append("](").append(url(prefix + e.getKey())).append(")\n\n");
        }
    }

    private static void recommendations(StringBuilder md, HealthReport r) {
        md.append("## Recommendations\n\n");
        if (r.recommendations().isEmpty()) {
            md.append(text(ReportContent.NO_RECOMMENDATIONS)).append("\n\n");
            return;
        }
        int n = 0;
        for (ActionItem item : r.recommendations()) {
            md.append(++n).append(". **").append(text(item.action())).append("** (").append(item.priority().label().toLowerCase(java.util.Locale.ROOT))
                    .append(" priority). ").append(text(item.reason())).append('\n');
        }
        md.append('\n');
    }

    private static void performance(StringBuilder md, HealthReport r) {
        md.append("## Service performance\n\n");
        List<ServicePerformance> rows = ReportContent.performance(r);
        if (rows.isEmpty()) {
            md.append(text(ReportContent.NO_PERFORMANCE)).append("\n\n");
            return;
        }
        md.append('_').append(text(ReportContent.PERFORMANCE_NOTE)).append("_\n\n");
        List<String[]> cells = new ArrayList<>();
        for (ServicePerformance p : rows) {
            PerformanceFigures now = p.current();
            PerformanceFigures before = p.previous();
            cells.add(new String[] {
                cell(p.service()),
                HealthFormat.rate(now.ratePerSecond()),
                HealthFormat.change(now.ratePerSecond(), before.ratePerSecond()),
                HealthFormat.fractionPercent(now.errorRate()),
                HealthFormat.pointsChange(now.errorRate(), before.errorRate()),
                HealthFormat.duration(now.p50Ms()),
                HealthFormat.duration(now.p95Ms()),
                HealthFormat.duration(now.p99Ms()),
                HealthFormat.change(now.p95Ms(), before.p95Ms()),
            });
        }
        table(md, new String[] {"Service", "Rate", "Rate change", "Errors", "Errors change", "p50", "p95", "p99", "p95 change"},
                new boolean[] {false, true, true, true, true, true, true, true, true}, cells);
    }

    private static void slos(StringBuilder md, HealthReport r) {
        md.append("## SLOs\n\n");
        List<SloLine> slos = ReportContent.slos(r);
        if (slos.isEmpty()) {
            md.append(text(ReportContent.NO_SLOS)).append("\n\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (SloLine s : slos) {
            rows.add(new String[] {
                cell(s.id()),
                cell(s.service()),
                HealthFormat.number(s.targetPercent()) + "% / " + HealthFormat.span(s.sloWindow()),
                HealthFormat.fractionPercent(s.sli()),
                ReportContent.budget(s),
                HealthFormat.burn(s.burnRate()) + (s.burnWindow() == null ? "" : " (" + HealthFormat.span(s.burnWindow()) + ")"),
                s.met() ? "\u2705 met" : "\uD83D\uDD34 missed",
            });
        }
        table(md, new String[] {"SLO", "Service", "Target", "SLI", "Budget left", "Burn", "Status"},
                new boolean[] {false, false, true, true, true, true, false}, rows);
    }

    private static void uptime(StringBuilder md, HealthReport r) {
        md.append("## Uptime\n\n");
        if (r.probes().isEmpty()) {
            md.append(text(ReportContent.NO_PROBES)).append("\n\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (var p : r.probes()) {
            rows.add(new String[] {
                cell(p.probe()),
                HealthFormat.uptime(100 * p.uptimeRatio()),
                Double.isNaN(p.slaPercent()) ? HealthFormat.NA : HealthFormat.number(p.slaPercent()) + "%" + (p.slaMet() ? " \u2705" : " \uD83D\uDD34"),
                HealthFormat.count(p.checks()),
                String.valueOf(p.outages()),
                HealthFormat.span(java.time.Duration.ofSeconds((long) p.downtimeSeconds())),
                HealthFormat.duration(1000 * p.p95LatencySeconds()),
            });
        }
        table(md, new String[] {"Probe", "Uptime", "SLA", "Checks", "Outages", "Downtime", "p95 probe time"},
                new boolean[] {false, true, true, true, true, true, true}, rows);
    }

    private static void incidents(StringBuilder md, HealthReport r) {
        md.append("## Incidents\n\n");
        if (r.incidents().isEmpty()) {
            md.append(text(ReportContent.NO_INCIDENTS)).append("\n\n");
            return;
        }
        for (IncidentLine i : r.incidents()) {
            md.append("### ").append(text(i.id())).append(i.title().isBlank() ? "" : ": " + text(i.title())).append("\n\n");
            md.append("**Status:** ").append(i.open() ? "\uD83D\uDD34 open" : "\u2705 resolved" + (i.resolvedAt() == null ? ""
                    : " " + text(HealthFormat.instant(i.resolvedAt())))).append(" \u00B7 **Window:** ")
                    .append(text(HealthFormat.window(i.from(), i.to())));
            if (!i.service().isBlank()) {
                md.append(" \u00B7 **Service:** ").append(text(i.service()));
            }
            md.append("\n\n**Top cause:** ").append(i.topCause().isBlank() ? "none found"
                    : text(i.topCause()) + " (score " + HealthFormat.score(i.topCauseScore()) + ")").append("\n\n");
            if (!i.timeline().isEmpty()) {
                md.append("**Timeline:**\n\n");
                for (IncidentLine.TimelineItem t : i.timeline()) {
                    md.append("- ").append(text(HealthFormat.instantNear(t.at(), r.from()))).append(" \u00B7 ").append(text(t.kind()))
                            .append(": ").append(text(t.text())).append('\n');
                }
                md.append('\n');
            }
        }
    }

    private static void changes(StringBuilder md, HealthReport r) {
        md.append("## Deploys and changes\n\n");
        if (r.changes().isEmpty()) {
            md.append(text(ReportContent.NO_CHANGES)).append("\n\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (ChangeLine c : r.changes()) {
            String verdict = ReportContent.verdictLabel(c);
            String emoji = switch (c.verdict()) {
                case "degraded" -> "\uD83D\uDD34 ";
                case "healthy" -> "\uD83D\uDFE2 ";
                case "inconclusive" -> "\u26AA ";
                default -> "";
            };
            rows.add(new String[] {
                cell(HealthFormat.instantNear(c.at(), r.from())),
                cell(c.service()),
                cell(c.type().replace('_', ' ')),
                cell(c.version()),
                emoji + cell(verdict),
                cell(ReportContent.verdictEvidence(c)),
            });
        }
        table(md, new String[] {"Time", "Service", "Change", "Version", "Verdict", "Evidence"},
                new boolean[] {false, false, false, false, false, false}, rows);
    }

    private static void anomalies(StringBuilder md, HealthReport r) {
        md.append("## Anomalies\n\n");
        List<AnomalyFinding> anomalies = ReportContent.anomalies(r);
        if (anomalies.isEmpty()) {
            md.append(text(ReportContent.NO_ANOMALIES)).append("\n\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (AnomalyFinding a : anomalies) {
            rows.add(new String[] {
                cell(HealthFormat.instantNear(a.onset(), r.from())),
                cell(a.service()),
                cell(a.subject()),
                HealthFormat.anomalyScore(a.score()),
                cell(a.formattedValue()),
                cell(a.formattedBaseline()),
                cell(HealthFormat.change(a.value(), a.baseline())),
            });
        }
        table(md, new String[] {"Onset", "Service", "Subject", "Score", "Value", "Baseline", "Change"},
                new boolean[] {false, false, false, true, true, true, true}, rows);
    }

    private static void endpoints(StringBuilder md, HealthReport r) {
        md.append("## Endpoints\n\n");
        List<EndpointHealth> endpoints = ReportContent.endpoints(r);
        if (endpoints.isEmpty()) {
            md.append(text(ReportContent.NO_ENDPOINTS)).append("\n\n");
            return;
        }
        md.append('_').append(ReportContent.ENDPOINTS_NOTE).append("_\n\n");
        List<String[]> rows = new ArrayList<>();
        for (EndpointHealth e : endpoints) {
            rows.add(new String[] {
                cell(e.service()),
                code(e.endpoint()),
                HealthFormat.count(e.requests()),
                HealthFormat.rate(e.ratePerSecond()),
                HealthFormat.fractionPercent(e.errorRate()),
                HealthFormat.duration(e.p50Ms()),
                HealthFormat.duration(e.p95Ms()),
                HealthFormat.duration(e.p99Ms()),
            });
        }
        table(md, new String[] {"Service", "Endpoint", "Requests", "Rate", "Errors", "p50", "p95", "p99"},
                new boolean[] {false, false, true, true, true, true, true, true}, rows);
    }

    private static void bottlenecks(StringBuilder md, HealthReport r) {
        md.append("## Bottlenecks\n\n");
        List<Bottleneck> bottlenecks = ReportContent.bottlenecks(r);
        if (bottlenecks.isEmpty()) {
            md.append(text(ReportContent.NO_BOTTLENECKS)).append("\n\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Bottleneck b : bottlenecks) {
            rows.add(new String[] {
                cell(b.service()),
                code(b.endpoint()),
                HealthFormat.duration(b.p99Ms()),
                HealthFormat.percent(b.timeSharePercent()),
                cell(b.reason()),
            });
        }
        table(md, new String[] {"Service", "Endpoint", "p99", "Time share", "Reason"},
                new boolean[] {false, false, true, true, false}, rows);
    }

    // ---------------------------------------------------------------------------------------------

    private static void table(StringBuilder md, String[] header, boolean[] rightAligned, List<String[]> rows) {
        md.append('|');
        for (String h : header) {
            md.append(' ').append(h).append(" |");
        }
        md.append("\n|");
        for (boolean right : rightAligned) {
            md.append(right ? " ---: |" : " --- |");
        }
        md.append('\n');
        for (String[] row : rows) {
            md.append('|');
            for (String c : row) {
                md.append(' ').append(c.isEmpty() ? " " : c).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /**
     * Escapes text for inline Markdown: backslash, emphasis, code, link, HTML and pipe characters; newlines
     * become spaces. Intra-word underscores (snake_case) are left alone since they never start emphasis.
     */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String flat = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
        StringBuilder out = new StringBuilder(flat.length() + 8);
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            switch (c) {
                case '\\', '`', '*', '[', ']', '<', '>', '|', '~' -> out.append('\\').append(c);
                case '_' -> {
                    boolean inWord = i > 0 && i + 1 < flat.length()
                            && Character.isLetterOrDigit(flat.charAt(i - 1))
                            && Character.isLetterOrDigit(flat.charAt(i + 1));
                    out.append(inWord ? "_" : "\\_");
                }
                case '#', '+', '-', '=' -> {
                    // Only special at the start of a line: heading, list item or setext underline.
                    boolean special = i == 0 && (flat.length() == 1 || flat.charAt(1) == ' ' || flat.charAt(1) == c);
                    out.append(special ? "\\" + c : String.valueOf(c));
                }
                case '!' -> {
                    // "![" would start an image.
                    boolean special = i + 1 < flat.length() && flat.charAt(i + 1) == '[';
                    out.append(special ? "\\!" : "!");
                }
                default -> out.append(c);
            }
        }
        // "1. foo" at the start would become an ordered list.
        return out.toString().replaceFirst("^(\\d{1,9})([.)])(?=\\s|$)", "$1\\\\$2");
    }

    /** Table cell: same as {@link #text(String)} (which already escapes {@code |}). */
    static String cell(String s) {
        return text(s);
    }

    /** Inline code span safe for table cells (pipes are escaped, which GFM tables unescape first). */
    static String code(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String flat = s.replace('\n', ' ').replace('\r', ' ').strip();
        String fence = "`";
        while (flat.contains(fence)) {
            fence += "`";
        }
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat.replace("|", "\\|") + pad + fence;
    }

    private static String url(String path) {
        StringBuilder sb = new StringBuilder();
        for (char c : path.toCharArray()) {
            switch (c) {
                case ' ' -> sb.append("%20");
                case '(' -> sb.append("%28");
                case ')' -> sb.append("%29");
                case '<' -> sb.append("%3C");
                case '>' -> sb.append("%3E");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
