package dev.vigil.reports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.anomaly.monitor.MonitorSettings;
import dev.vigil.analytics.slo.BurnRateEvaluator;
import dev.vigil.analytics.slo.SloRepository;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.codec.Decoded;
import dev.vigil.ingest.codec.NativeJsonDecoder;
import dev.vigil.ingest.model.Event;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.rca.incidents.IncidentStore;
import dev.vigil.analytics.patterns.TemplateMiner;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health report of the checked-in samples with every source attached: a real pipeline holding
 * the two hours of sample telemetry plus probe results, two SLOs from a file, the two sample
 * incidents opened through the incident service (the payments one resolved), change verdicts and
 * the anomaly monitor. The written PDF is read back with PDFBox (text, and pages rendered to find
 * the charts and check they are not blank); the Markdown is parsed with commonmark. The rendered
 * pages are kept under {@code target/health-report-sample/} for a person to look at.
 */
@Timeout(value = 240, unit = java.util.concurrent.TimeUnit.SECONDS)
class HealthReportSamplesTest {
    private static final Path SAMPLES = Path.of("../samples/data").toAbsolutePath().normalize();
    private static final Path KEEP = Path.of("target/health-report-sample").toAbsolutePath();
    private static final Instant FROM = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-02T12:00:00Z");

    @TempDir
    static Path dir;
    static EventPipeline pipeline;
    static AnomalyMonitor monitor;
    static HealthReport report;
    static ReportFiles.Written written;
    static String pdfText;
    static List<BufferedImage> pages = new ArrayList<>();
    static List<List<float[]>> imageBoxes = new ArrayList<>();

    @BeforeAll
    static void assemble() throws Exception {
        assertTrue(Files.isDirectory(SAMPLES.resolve("incidents")), "no samples at " + SAMPLES);
        pipeline = EventPipeline.open(PipelineConfig.defaults(dir.resolve("data")));
        NativeJsonDecoder json = new NativeJsonDecoder();
        append(EventKind.LOG, json.logs(Files.readAllBytes(SAMPLES.resolve("logs.ndjson")), 0));
        append(EventKind.METRIC, json.metrics(Files.readAllBytes(SAMPLES.resolve("metrics.ndjson")), 0));
        append(EventKind.METRIC, json.metrics(probeResults().getBytes(StandardCharsets.UTF_8), 0));
        append(EventKind.CHANGE, json.changes(Files.readAllBytes(SAMPLES.resolve("events.ndjson")), 0));
        append(EventKind.SPAN, json.spans(Files.readAllBytes(SAMPLES.resolve("spans.ndjson")), 0));

        Path sloFile = dir.resolve("slos.yaml");
        Files.writeString(sloFile, """
                slos:
                  - id: checkout-availability
                    name: Checkout availability
                    service: checkout
                    indicator: {type: availability}
                    target: 99
                    window: 1d
                  - id: search-availability
                    name: Search availability
                    service: search
                    indicator: {type: availability}
                    target: 95
                    window: 1d
                """);
        BurnRateEvaluator slos = new BurnRateEvaluator(SloRepository.open(dir.resolve("slos"), sloFile), pipeline);
        monitor = AnomalyMonitor.open(pipeline, null, MonitorSettings.defaults(Duration.ZERO));
        IncidentService incidents = IncidentService.create(IncidentStore.inMemory(), pipeline, new RootCauseAnalyzer(pipeline),
                result -> "{}", monitor);
        Incident payments = incidents.open(TimeRange.of(Instant.parse("2026-11-02T10:40:00Z"), Instant.parse("2026-11-02T11:05:00Z")),
                "payments", "Payments DB connection pool exhausted");
        incidents.resolve(payments.id(), "rolled back to v2.13.2");
        incidents.open(TimeRange.of(Instant.parse("2026-11-02T11:30:00Z"), Instant.parse("2026-11-02T11:55:00Z")), "inventory",
                "Inventory out of memory");

        HealthSources sources = HealthSources.NONE.withSlos(slos).withIncidents(incidents)
                .withChanges(new ChangeIntelligence(pipeline, new TemplateMiner())).withAnomalies(monitor)
                .withProbeSla(probe -> probe.equals("payments-api") ? 99.5 : Double.NaN);
        List<String> steps = new ArrayList<>();
        long started = System.nanoTime();
        report = new HealthReportAssembler(pipeline, sources).assemble(TimeRange.of(FROM, TO), steps::add);
        System.out.printf(Locale.ROOT, "assembled in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, steps);

        written = new ReportFiles().write(report, dir.resolve("out"));
        Files.createDirectories(KEEP);
        try (var old = Files.newDirectoryStream(KEEP, "page-*.png")) {
            for (Path page : old) {
                Files.delete(page);
            }
        }
        try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(written.pdf()))) {
            pdfText = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, 72);
                pages.add(image);
                ImageIO.write(renderer.renderImageWithDPI(i, 110), "png", KEEP.resolve("page-" + (i + 1) + ".png").toFile());
                ImageLocator locator = new ImageLocator();
                locator.processPage(pdf.getPage(i));
                imageBoxes.add(locator.boxes);
            }
        }
        Files.copy(written.markdown(), KEEP.resolve("health-report.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(written.pdf(), KEEP.resolve("health-report.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void close() throws IOException {
        if (monitor != null) {
            monitor.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Probe results every 30 s: the shop's home page always up, the payments API down while its pool was exhausted. */
    private static String probeResults() {
        StringBuilder sb = new StringBuilder();
        for (Instant t = FROM; t.isBefore(TO); t = t.plusSeconds(30)) {
            boolean paymentsDown = !t.isBefore(Instant.parse("2026-11-02T10:46:00Z")) && t.isBefore(Instant.parse("2026-11-02T11:04:00Z"));
            sb.append(probe("shop-home", t, 1)).append(probe("payments-api", t, paymentsDown ? 0 : 1));
        }
        return sb.toString();
    }

    private static String probe(String name, Instant t, int success) {
        return "{\"kind\":\"metric\",\"name\":\"probe_success\",\"labels\":{\"probe\":\"" + name + "\"},\"timestamp\":\"" + t
                + "\",\"value\":" + success + "}\n";
    }

    private static void append(EventKind kind, Decoded<? extends Event> decoded) {
        assertTrue(decoded.ok(), () -> kind + ": " + decoded.errors());
        long last = -1;
        List<? extends Event> events = decoded.events();
        for (int from = 0; from < events.size(); from += 2000) {
            last = pipeline.append(kind, events.subList(from, Math.min(events.size(), from + 2000))).join();
        }
        pipeline.awaitSearchable(last).join();
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void assemblerFillsEverySection() {
        assertEquals(5, report.performance().size(), report.performance()::toString);
        assertTrue(report.performance().stream().allMatch(p -> p.current().requests() > 0));
        assertEquals(List.of("checkout-availability", "search-availability"), report.slos().stream().map(SloLine::id).sorted().toList());
        SloLine checkout = report.slos().stream().filter(s -> s.id().equals("checkout-availability")).findFirst().orElseThrow();
        assertEquals(SloCollector.POINTS, checkout.history().size());
        assertTrue(checkout.budgetRemaining() < 1, checkout::toString);
        assertEquals(2, report.probes().size(), report.probes()::toString);
        var payments = report.probes().stream().filter(p -> p.probe().equals("payments-api")).findFirst().orElseThrow();
        assertFalse(payments.slaMet(), payments::toString);
        assertTrue(payments.uptimeRatio() > 0.8 && payments.uptimeRatio() < 0.9, payments::toString);
        assertEquals(2, report.incidents().size());
        assertEquals(5, report.changes().size(), report.changes()::toString);
        ChangeLine deploy = report.changes().stream().filter(c -> c.label().equals("payments v2.14.0")).findFirst().orElseThrow();
        assertEquals("degraded", deploy.verdict(), deploy::toString);
        assertTrue(deploy.rolledBack());
        assertTrue(deploy.errorAfter() > deploy.errorBefore() + 0.1, deploy::toString);
        assertFalse(report.anomalySpans().isEmpty());
    }

    @Test
    void recommendationsNameTheThingsToActOn() {
        List<String> actions = report.recommendations().stream().map(a -> a.action() + " | " + a.reason()).toList();
        System.out.println(String.join("\n", actions));
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("Keep payments off v2.14.0") && a.contains("error rate")), actions::toString);
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("Probe payments-api was up") && a.contains("under its 99.5% SLA")),
                actions::toString);
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("Resolve incident") && a.contains("inventory")), actions::toString);
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("SLO checkout-availability")), actions::toString);
        assertEquals(ActionItem.Priority.HIGH, report.recommendations().get(0).priority());
    }

    @Test
    void pdfHasTitlePageContentsTablesAndFindings() {
        assertTrue(pdfText.contains("Vigil health report"), pdfText);
        assertTrue(pdfText.contains("Overall status:"), pdfText);
        // Contents: every section with the page it starts on.
        for (String section : ReportContent.SECTIONS) {
            assertTrue(pdfText.contains(section), section);
        }
        assertTrue(java.util.regex.Pattern.compile("1\\. Summary 3 ").matcher(pdfText).find(), pdfText);
        assertTrue(pdfText.contains("Page 2 of " + pages.size()), pdfText);
        assertFalse(pdfText.contains("Page 1 of"), "no footer on the title page");
        // Tables: header rows and figures.
        assertTrue(pdfText.contains("Service Rate \u0394 Errors \u0394 p50 p95 p99 p95 \u0394"), pdfText);
        assertTrue(pdfText.contains("SLO Service Target SLI Budget left Burn Status"), pdfText);
        assertTrue(pdfText.contains("checkout-availability"), pdfText);
        assertTrue(pdfText.contains("payments-api"), pdfText);
        // The payments deploy, its verdict and the numbers behind it.
        assertTrue(pdfText.matches(".*payments deploy v2\\.14\\.0 Degraded, (rolled back )?error rate [0-9.]+% \u2192 [0-9.]+%.*"), pdfText);
        // The resolved payments incident and the RCA's top cause.
        assertTrue(pdfText.contains("Top cause: Change on payments: deploy payments v2.14.0")
                || pdfText.matches(".*Top cause: Change on payments[^.]*v2\\.14\\.0.*"), pdfText);
        assertTrue(pdfText.contains("Keep payments off v2.14.0 until the regression is fixed"), pdfText);
    }

    @Test
    void pdfChartsAreDrawnNotBlank() {
        int charts = 0;
        for (int i = 0; i < pages.size(); i++) {
            for (float[] box : imageBoxes.get(i)) {
                charts++;
                double ink = inkShare(pages.get(i), box);
                assertTrue(ink > 0.02, "chart on page " + (i + 1) + " is nearly blank: " + ink);
            }
        }
        assertEquals(4, charts, "request rate, error rate, p95 and SLO budget");
    }

    @Test
    void markdownHasTablesAndChartsBesideIt() throws IOException {
        String md = Files.readString(written.markdown());
        Node doc = Parser.builder().build().parse(md);
        List<String> headings = new ArrayList<>();
        List<String> images = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (heading.getLevel() == 2) {
                    StringBuilder sb = new StringBuilder();
                    heading.accept(new AbstractVisitor() {
                        @Override
                        public void visit(Text text) {
                            sb.append(text.getLiteral());
                        }
                    });
                    headings.add(sb.toString());
                }
            }

            @Override
            public void visit(Image image) {
                images.add(image.getDestination());
            }
        });
        assertEquals(ReportContent.SECTIONS, headings);
        assertEquals(4, images.size(), images::toString);
        for (String image : images) {
            Path png = written.markdown().getParent().resolve(image);
            assertTrue(Files.isRegularFile(png), image);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, image);
            assertTrue(inkShare(img, new float[] {0, 0, img.getWidth(), img.getHeight()}) > 0.02, image + " is blank");
        }
        List<List<String>> tables = MarkdownTables.parse(md);
        assertEquals(8, tables.size(), "services, performance, SLOs, uptime, changes, anomalies, "
                + "bottlenecks, endpoints");
        assertTrue(md.contains("| payments | deploy | v2.14.0 | \uD83D\uDD34 Degraded, rolled back | error rate "), md);
        assertTrue(md.contains("**Top cause:** Change on payments"), md);
        assertTrue(md.matches("(?s).*\\| checkout-availability \\| checkout \\| 99% / 1 d \\| [0-9.]+% \\| -?[0-9.]+% \\| .*"), md);
    }

    /** Share of the box's pixels that are not near-white. */
    static double inkShare(BufferedImage image, float[] box) {
        int x0 = Math.max(0, (int) box[0]);
        int y0 = Math.max(0, (int) box[1]);
        int x1 = Math.min(image.getWidth(), (int) (box[0] + box[2]));
        int y1 = Math.min(image.getHeight(), (int) (box[1] + box[3]));
        long ink = 0;
        long all = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                all++;
                if (r < 235 || g < 235 || b < 235) {
                    ink++;
                }
            }
        }
        return all == 0 ? 0 : (double) ink / all;
    }

    /** Where images are drawn on a page, as {x, y, width, height} in 72-dpi pixels from the top left. */
    static final class ImageLocator extends PDFStreamEngine {
        final List<float[]> boxes = new ArrayList<>();
        private float pageHeight;

        ImageLocator() {
            addOperator(new Concatenate(this));
            addOperator(new DrawObject(this));
            addOperator(new SetGraphicsStateParameters(this));
            addOperator(new Save(this));
            addOperator(new Restore(this));
            addOperator(new SetMatrix(this));
        }

        @Override
        public void processPage(PDPage page) throws IOException {
            pageHeight = page.getMediaBox().getHeight();
            super.processPage(page);
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if ("Do".equals(operator.getName())) {
                PDXObject xobject = getResources().getXObject((COSName) operands.get(0));
                if (xobject instanceof PDImageXObject) {
                    Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
                    float w = ctm.getScalingFactorX();
                    float h = ctm.getScalingFactorY();
                    boxes.add(new float[] {ctm.getTranslateX(), pageHeight - ctm.getTranslateY() - h, w, h});
                    return;
                }
            }
            super.processOperator(operator, operands);
        }
    }

    /** GFM pipe tables of a Markdown text: each as its rows, header first (core commonmark leaves them as text). */
    static final class MarkdownTables {
        static List<List<String>> parse(String md) {
            List<List<String>> tables = new ArrayList<>();
            List<String> current = null;
            for (String line : md.split("\n")) {
                if (line.startsWith("|")) {
                    if (current == null) {
                        current = new ArrayList<>();
                        tables.add(current);
                    }
                    current.add(line);
                } else {
                    current = null;
                }
            }
            for (List<String> t : tables) {
                assertTrue(t.size() >= 3, "a table has a header, a delimiter row and at least one row: " + t);
                assertTrue(t.get(1).matches("\\|( ---:? \\|)+"), t.get(1));
            }
            return tables;
        }
    }
}
