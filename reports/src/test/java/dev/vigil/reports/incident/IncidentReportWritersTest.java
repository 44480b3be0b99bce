package dev.vigil.reports.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import dev.vigil.analytics.TimeRange;
import dev.vigil.rca.CandidateKind;
import dev.vigil.rca.Evidence;
import dev.vigil.rca.RootCauseCandidate;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentOrigin;
import dev.vigil.rca.incidents.IncidentStatus;
import dev.vigil.rca.incidents.TimelineEntry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident report's writers on a hand-made report: the Markdown parses (CommonMark) into the
 * six sections with the chart link under the given base and consistent tables, even with pipes,
 * markup and line breaks in log text; the PDF says the same and its pages are not blank; the chart
 * is drawn with and without series; and the follow-ups follow from the findings.
 */
class IncidentReportWritersTest {
    private static final Instant FROM = Instant.parse("2026-11-02T10:40:00Z");
    private static final Instant TO = Instant.parse("2026-11-02T11:05:00Z");
    private static final String TRICKY = "upstream | returned *503* for <order> `42`\nretrying [x](y)";

    static IncidentReport report(boolean rolledBack) {
        TimeRange window = TimeRange.of(FROM, TO);
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(Instant.parse("2026-11-02T10:42:00Z"), TimelineEntry.Type.CHANGE, "payments", "deploy payments v2.14.0"),
                new TimelineEntry(Instant.parse("2026-11-02T10:47:05Z"), TimelineEntry.Type.SIGNAL, "checkout", TRICKY),
                new TimelineEntry(FROM, TimelineEntry.Type.WINDOW, null, "incident window starts"));
        Incident incident = new Incident("20261102-abc123", "checkout | failing", null, IncidentStatus.OPEN, IncidentOrigin.MANUAL, window,
                Instant.parse("2026-11-02T11:10:00Z"), null, null, "{}", timeline);
        List<RootCauseCandidate> candidates = List.of(
                new RootCauseCandidate(1, CandidateKind.CHANGE, "payments", "deploy payments v2.14.0 (rolling, production)", 1.0,
                        Instant.parse("2026-11-02T10:42:00Z"), List.of(Evidence.fact("8 anomalous signals began after it"), Evidence.fact(TRICKY)),
                        "The deploy came 30 s before the first anomaly."),
                new RootCauseCandidate(2, CandidateKind.METRIC, "payments", "db_pool_active_connections{service=\"payments\"}", 0.57,
                        Instant.parse("2026-11-02T10:43:30Z"), List.of(), "Rose to 20 of 20."));
        List<EndpointImpact> endpoints = List.of(
                new EndpointImpact("payments", "POST /api/payments/charge", 43, 75, 0, 0.64, 370, 30_000, true),
                new EndpointImpact("search", "GET /api/search", 145, 211, 0, 0, 102, 110, false));
        List<Instant> starts = new ArrayList<>();
        double[] errors = new double[25];
        double[] p95 = new double[25];
        for (int i = 0; i < 25; i++) {
            starts.add(Instant.parse("2026-11-02T10:15:00Z").plusSeconds(120L * i));
            errors[i] = i < 16 ? 0 : 0.9;
            p95[i] = i < 16 ? 350 : 30_000;
        }
        List<EndpointSeries> series = List.of(new EndpointSeries("payments POST /api/payments/charge", starts, errors, p95));
        List<RelatedChange> changes = List.of(new RelatedChange("c1", Instant.parse("2026-11-02T10:42:00Z"), "deploy", "payments", "v2.14.0",
                "degraded", "failure rate rose from 0.0% to 89.7% | p95 387 ms -> 30004 ms", !rolledBack, "v2.13.2", rolledBack ? "c2" : null));
        List<String> followUps = FollowUps.derive(incident, candidates, endpoints, changes);
        return new IncidentReport(incident, Instant.parse("2026-11-02T11:20:00Z"), TimeRange.of(FROM.minusSeconds(3600), FROM.minusSeconds(60)),
                "Open incident. Most likely cause: deploy payments v2.14.0.", candidates, endpoints, series,
                IncidentReportAssembler.chartRange(window), changes, followUps);
    }

    @Test
    void markdownParsesIntoTheSectionsWithTheChartLinkAndConsistentTables() {
        String md = new IncidentMarkdownWriter().write(report(true), "incident-report-charts");
        Node doc = Parser.builder().build().parse(md);
        List<String> headings = new ArrayList<>();
        List<String> images = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (heading.getLevel() <= 2) {
                    headings.add(((Text) heading.getFirstChild()).getLiteral());
                }
                visitChildren(heading);
            }

            @Override
            public void visit(Image image) {
                images.add(image.getDestination());
            }
        });
        assertEquals("Incident 20261102-abc123: checkout | failing", headings.get(0));
        assertEquals(List.of("Summary", "Timeline", "Root-cause candidates", "What users saw", "Related changes", "Follow-up items"),
                headings.subList(1, headings.size()));
        assertEquals(List.of("incident-report-charts/users-view.png"), images);
        assertTableRowsConsistent(md);
        // Log text with markup and line breaks stays one cell and renders back as written (line break as a space).
        String rendered = TextContentRenderer.builder().build().render(Parser.builder().build().parse(IncidentMarkdownWriter.inline(TRICKY)));
        assertEquals(TRICKY.replace('\n', ' '), rendered.strip());
        assertTrue(md.contains("| payments v2.14.0 | deploy | **degraded** |"), md);
        assertTrue(md.contains("- [ ] Find and fix the fault in payments v2.14.0"), md);
    }

    @Test
    void pdfSaysTheSameOnPagesThatAreNotBlank(@TempDir Path temp) throws IOException {
        IncidentReport r = report(false);
        byte[] png = new IncidentChartRenderer().usersView(r);
        byte[] pdf = new IncidentPdfWriter().write(r, png);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (String expected : List.of("Incident 20261102-abc123: checkout | failing", "Timeline", "1. deploy payments v2.14.0",
                    "upstream | returned *503* for <order>", "degraded", "Roll back payments v2.14.0 to v2.13.2",
                    "payments POST /api/payments/charge", "64.0%", "30.0 s", "Page 1")) {
                assertTrue(text.contains(expected), expected + " in " + text);
            }
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int page = 0; page < doc.getNumberOfPages(); page++) {
                assertTrue(inked(renderer.renderImageWithDPI(page, 50)) > 0.01, "page " + (page + 1));
            }
        }
        new IncidentReportFiles().write(r, temp, null);
        assertTrue(Files.size(temp.resolve("incident-report.pdf")) > 1000);
        assertTrue(Files.readString(temp.resolve("incident-report.md")).contains("](incident-report-charts/users-view.png)"));
        assertTrue(Files.size(temp.resolve("incident-report-charts/users-view.png")) > 1000);
    }

    @Test
    void chartIsDrawnWithAndWithoutSeries() throws IOException {
        IncidentReport full = report(true);
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(new IncidentChartRenderer().usersView(full)));
        IncidentReport empty = new IncidentReport(full.incident(), full.generatedAt(), full.baseline(), full.summary(), List.of(),
                List.of(), List.of(), full.chartRange(), List.of(), List.of());
        BufferedImage blank = ImageIO.read(new ByteArrayInputStream(new IncidentChartRenderer().usersView(empty)));
        assertTrue(inked(drawn) > inked(blank), "series add ink: " + inked(drawn) + " vs " + inked(blank));
        assertTrue(inked(blank) > 0.005, "axes and title are still drawn");
    }

    @Test
    void followUpsFollowFromTheFindings() {
        IncidentReport running = report(false);
        assertTrue(running.followUps().get(0).startsWith("Roll back payments v2.14.0 to v2.13.2"), running.followUps().toString());
        assertTrue(running.followUps().stream().anyMatch(f -> f.startsWith("Alert on the error rate of payments POST /api/payments/charge")));
        assertFalse(running.followUps().stream().anyMatch(f -> f.contains("search GET")), "unaffected endpoints get no alert");
        assertTrue(running.followUps().get(running.followUps().size() - 1).startsWith("Resolve the incident"));
        IncidentReport undone = report(true);
        assertTrue(undone.followUps().get(0).startsWith("Find and fix the fault in payments v2.14.0"), undone.followUps().toString());
        List<String> none = FollowUps.derive(running.incident(), List.of(), List.of(), List.of());
        assertTrue(none.get(0).startsWith("Re-run the analysis"), none.toString());
    }

    static void assertTableRowsConsistent(String md) {
        int columns = -1;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int cells = line.replace("\\|", "").split("\\|", -1).length - 2;
            if (columns < 0) {
                columns = cells;
            } else {
                assertEquals(columns, cells, line);
            }
        }
    }

    static double inked(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 235) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }
}
