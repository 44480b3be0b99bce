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
        services(md, r);
        rootCauses(md, r);
        charts(md, r, chartDir);
        anomalies(md, r);
        endpoints(md, r);
        bottlenecks(md, r);
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
        md.append("## At a glance\n\n");
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
        for (Map.Entry<String, String> e : ReportContent.CHARTS.entrySet()) {
            md.append("![").append(text(e.getValue())).append("](").append(url(prefix + e.getKey())).append(")\n\n");
        }
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
