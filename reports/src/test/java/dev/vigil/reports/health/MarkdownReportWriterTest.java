package dev.vigil.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest {

    private final MarkdownReportWriter writer = new MarkdownReportWriter();

    @Test
    void containsAllSectionsInOrder() {
        String md = writer.write(HealthReportFixtures.realistic(), "charts");
        Parsed p = parse(md);
        assertEquals("Vigil health report: 2025-03-14 08:00 to 12:00 UTC (4 h)", p.headings.get(0));
        List<String> h2 = p.headings.subList(1, p.headings.size()).stream()
                .filter(h -> !h.matches("\\d+\\. .*")).toList();
        assertEquals(ReportContent.SECTIONS, h2);
        assertEquals(List.of("charts/request-rate.png", "charts/error-rate.png", "charts/p95-latency.png"), p.images);
    }

    @Test
    void summaryNamesWorstStatusAndTopRootCause() {
        String md = writer.write(HealthReportFixtures.realistic(), "");
        assertTrue(md.contains("- **Overall status:** \uD83D\uDFE1 **Degraded**"), md);
        assertTrue(md.contains("- **Most likely root cause:** Deploy on checkout (checkout v2.14.0 rollout) starting "
                + "2025-03-14 10:12 UTC, score 0.91."), md);
        assertTrue(md.contains("5 services: 1 degraded (checkout), 4 healthy."), md);
        assertTrue(md.contains("4,441,968 requests"), md);
    }

    @Test
    void servicesTableIsWorstFirstWithFriendlyNumbers() {
        String md = writer.write(HealthReportFixtures.realistic(), "");
        assertTrue(md.contains("| Service | Status | Uptime | Requests | Errors | p95 | p99 |"), md);
        assertTrue(md.contains("| --- | --- | ---: | ---: | ---: | ---: | ---: |"), md);
        assertTrue(md.contains("| checkout | \uD83D\uDFE1 Degraded | 99.41% | 312,870 | 3.87% | 864 ms | 2.41 s |"), md);
        assertTrue(md.contains("| inventory | \uD83D\uDFE2 Healthy | 99.99% | 741,009 | 0.04% | 38.5 ms | 96 ms |"), md);
        assertTrue(md.indexOf("| checkout |") < md.indexOf("| api-gateway |"), "degraded first");
    }

    @Test
    void rootCausesAreRankedWithEvidence() {
        String md = writer.write(HealthReportFixtures.realistic(), "");
        int first = md.indexOf("### 1. Deploy on checkout: checkout v2.14.0 rollout");
        int second = md.indexOf("### 2. Config change on payments: feature flag fraud-check-v3 enabled");
        int third = md.indexOf("### 3. Dependency on inventory: collector outage");
        assertTrue(first > 0 && first < second && second < third, md);
        assertTrue(md.contains("**Score:** 0.91 \u00B7 **Onset:** 2025-03-14 10:12 UTC"), md);
        assertTrue(md.contains(HealthReportFixtures.TOP_CAUSE_EXPLANATION), md);
        assertTrue(md.contains("- checkout p95 rose from 182 ms to 1.24 s at 10:13 UTC"), md);
        assertTrue(md.contains("**Onset:** unknown"), md);
        // backticks in evidence are escaped, not turned into code
        assertTrue(md.contains("new \\`SQLTransientConnectionException\\` log lines"), md);
    }

    @Test
    void tablesAreWellFormedAndPipesEscaped() {
        String md = writer.write(HealthReportFixtures.realistic(), "");
        assertTrue(md.contains("after v2.14.0 \\| pool exhausted"), md);
        assertTableRowsConsistent(md);
        assertTrue(md.contains("| checkout | `POST /api/checkout` | 188,402 | 13.1/s | 5.12% | 310 ms | 1.24 s | 3.18 s |"),
                md);
        assertTrue(md.contains("| 10:13 UTC | checkout | p95 latency | 9.8 | 1.24 s | 182 ms | 6.8\u00D7 |"), md);
        assertTrue(md.contains("| 09:00 UTC | inventory | request rate | 3.1 | 0/s | 51.2/s | -100% |"), md);
    }

    @Test
    void endpointsSortedByP99Descending() {
        String md = writer.write(HealthReportFixtures.realistic(), "");
        String section = md.substring(md.indexOf("## Endpoints"));
        List<Double> p99 = new ArrayList<>();
        for (EndpointHealth e : HealthReportFixtures.realistic().endpoints()) {
            p99.add(e.p99Ms());
        }
        p99.sort((a, b) -> Double.compare(b, a));
        int last = -1;
        for (double v : p99) {
            int at = section.indexOf("| " + HealthFormat.duration(v) + " |\n");
            assertTrue(at > last, "p99 " + v + " in order");
            last = at;
        }
    }

    @Test
    void escapesMarkdownInText() {
        assertEquals("a \\| b", MarkdownReportWriter.text("a | b"));
        assertEquals("snake_case and \\_x\\_", MarkdownReportWriter.text("snake_case and _x_"));
        assertEquals("\\*bold\\* \\[link\\](x)", MarkdownReportWriter.text("*bold* [link](x)"));
        assertEquals("\\# not a heading", MarkdownReportWriter.text("# not a heading"));
        assertEquals("1\\. not a list", MarkdownReportWriter.text("1. not a list"));
        assertEquals("line one line two", MarkdownReportWriter.text("line one\nline two"));
        assertEquals("``a`b``", MarkdownReportWriter.code("a`b"));
        assertEquals("-100%", MarkdownReportWriter.text("-100%"));
        assertEquals("\\- item", MarkdownReportWriter.text("- item"));
        assertEquals("51.2/s", MarkdownReportWriter.text("51.2/s"));
        assertEquals("`x \\| y`", MarkdownReportWriter.code("x | y"));
        // escaped text renders back to the original
        String tricky = "*a* _b_ [c](d) <e> `f` | \\g";
        String rendered = TextContentRenderer.builder().build()
                .render(Parser.builder().build().parse(MarkdownReportWriter.text(tricky))).strip();
        assertEquals(tricky, rendered);
    }

    @Test
    void emptyReportSaysNoDataInEverySection() {
        String md = writer.write(HealthReportFixtures.empty(), "health-report-charts");
        Parsed p = parse(md);
        assertTrue(p.headings.containsAll(ReportContent.SECTIONS), p.headings.toString());
        assertTrue(md.contains("No data"), md);
        assertTrue(md.contains("**Unknown** (No data for this window.)"), md);
        assertTrue(md.contains(ReportContent.NO_SERVICES), md);
        assertTrue(md.contains("No anomalies detected in this window."), md);
        assertTrue(md.contains(ReportContent.NO_ENDPOINTS), md);
        assertTrue(md.contains(ReportContent.NO_BOTTLENECKS), md);
        assertEquals(3, p.images.size());
        assertFalse(md.contains("| Service |"), "no empty tables");
    }

    // ---------------------------------------------------------------------------------------------

    record Parsed(List<String> headings, List<String> images) {
    }

    static Parsed parse(String md) {
        Node doc = Parser.builder().build().parse(md);
        List<String> headings = new ArrayList<>();
        List<String> images = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder sb = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text text) {
                        sb.append(text.getLiteral());
                    }
                });
                headings.add(sb.toString());
            }

            @Override
            public void visit(Image image) {
                images.add(image.getDestination());
            }
        });
        return new Parsed(headings, images);
    }

    /** Every row of each GFM table has as many unescaped pipes as its header row. */
    static void assertTableRowsConsistent(String md) {
        int expected = -1;
        int tables = 0;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                expected = -1;
                continue;
            }
            int pipes = unescapedPipes(line);
            if (expected < 0) {
                expected = pipes;
                tables++;
            } else {
                assertEquals(expected, pipes, "row has the header's column count: " + line);
            }
        }
        assertEquals(4, tables, "services, anomalies, endpoints, bottlenecks");
    }

    private static int unescapedPipes(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                n++;
            }
        }
        return n;
    }
}
