package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident report through the real HTTP server over the checked-in samples: an incident opened
 * over the payments-db-pool window reports the payments v2.14.0 deploy as its top cause, with the
 * timeline and the deploy's "degraded" verdict, in a PDF whose pages are not blank and in Markdown
 * whose tables are well formed and whose chart link serves a PNG; bad ids and formats get JSON errors.
 * The PDF and its first page as PNG are kept under target/incident-report/ to be looked at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class IncidentReportApiTest {
    private static final Path SAMPLES = TestServer.SAMPLES;
    private static final Path KEEP = Path.of("target/incident-report");

    private TestServer server;
    private String id;

    @BeforeAll
    void startLoadAndOpen(@TempDir Path temp) throws Exception {
        server = TestServer.start(temp.resolve("data"));
        server.ingestSamples();
        JsonObject window = new JsonObject(Files.readString(SAMPLES.resolve("incidents/payments-db-pool.json"))).getJsonObject("window");
        TestServer.Reply opened = server.post("/api/v1/incidents", "application/json", new JsonObject()
                .put("from", window.getString("from")).put("to", window.getString("to")).put("title", "checkout failing").encode());
        assertEquals(201, opened.status(), opened::text);
        id = opened.json().getString("id");
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void pdfNamesTheDeployShowsTheTimelineAndTheVerdictOnNonBlankPages() throws IOException {
        long started = System.nanoTime();
        TestServer.Reply reply = server.get("/api/v1/incidents/" + id + "/report?format=pdf");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, reply.status(), reply::text);
        assertEquals("application/pdf", reply.headers().firstValue("Content-Type").orElse(""));
        Files.createDirectories(KEEP);
        Files.write(KEEP.resolve("incident-report.pdf"), reply.body());
        try (PDDocument pdf = Loader.loadPDF(reply.body())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertTrue(text.contains("Incident " + id + ": checkout failing"), text);
            assertTrue(text.contains("Most likely cause: deploy payments v2.14.0"), text);
            assertTrue(text.contains("1. deploy payments v2.14.0"), text);
            assertTrue(text.contains("Timeline"), text);
            assertTrue(text.contains("payments v2.14.0") && text.contains("deploy"), text);
            assertTrue(text.contains("opened through the API"), "the timeline's status entry: " + text);
            assertTrue(text.contains("degraded"), "the deploy's verdict: " + text);
            assertTrue(text.contains("What users saw") && text.contains("POST /api/payments/charge"), text);
            assertTrue(text.contains("Follow-up items") && text.contains("before it ships again"), text);
            System.out.printf("incident report PDF: %d ms (analysis, statistics, verdicts, chart, layout), %d bytes, %d pages%n",
                    tookMillis, reply.body().length, pdf.getNumberOfPages());
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int page = 0; page < pdf.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 60);
                double inked = inkedShare(image);
                assertTrue(inked > 0.01, "page " + (page + 1) + " is nearly blank: " + inked);
                if (page < 4) {
                    ImageIO.write(renderer.renderImageWithDPI(page, 110), "png", KEEP.resolve("page-" + (page + 1) + ".png").toFile());
                }
            }
        }
    }

    @Test
    @Order(2)
    void markdownHasConsistentTablesAndAChartLinkThatServesAPng() throws IOException {
        TestServer.Reply reply = server.get("/api/v1/incidents/" + id + "/report?format=md");
        assertEquals(200, reply.status(), reply::text);
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        String md = reply.text();
        Files.createDirectories(KEEP);
        Files.writeString(KEEP.resolve("incident-report.md"), md);
        for (String section : List.of("## Summary", "## Timeline", "## Root-cause candidates", "## What users saw", "## Related changes",
                "## Follow-up items")) {
            assertTrue(md.contains("\n" + section + "\n"), section + " in " + md);
        }
        assertTrue(md.contains("### 1. deploy payments v2.14.0"), md);
        assertTrue(Pattern.compile("\\| payments v2\\.14\\.0 \\| deploy \\| \\*\\*degraded\\*\\* \\|").matcher(md).find(), md);
        assertTablesConsistent(md);
        Matcher image = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(md);
        assertTrue(image.find(), md);
        String link = image.group(1);
        assertEquals("/api/v1/incidents/" + id + "/report/charts/users-view.png", link);
        TestServer.Reply png = server.get(link);
        assertEquals(200, png.status(), png::text);
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertTrue(inkedShare(chart) > 0.02, "the chart is nearly blank");
        Files.write(KEEP.resolve("users-view.png"), png.body());

        String saved = server.get("/api/v1/incidents/" + id + "/report?format=md&chart_base=incident-report-charts").text();
        assertTrue(saved.contains("](incident-report-charts/users-view.png)"), saved);
    }

    @Test
    @Order(3)
    void badIdsAndFormatsGetJsonErrors() {
        assertTrue(server.get("/api/v1/incidents/BAD..id/report").error(400).getString("message").contains("'id'"));
        assertTrue(server.get("/api/v1/incidents/20261102-zzzzzz/report?format=pdf").error(404).getString("message")
                .contains("20261102-zzzzzz"));
        assertTrue(server.get("/api/v1/incidents/" + id + "/report?format=docx").error(400).getString("message").contains("format"));
        server.get("/api/v1/incidents/" + id + "/report/charts/other.png").error(404);
        server.get("/api/v1/incidents/..%2F..%2Fetc/report").error(400);
    }

    /** Every table row has as many cells as its header (escaped pipes do not count). */
    static void assertTablesConsistent(String md) {
        int columns = -1;
        int tables = 0;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int cells = line.replace("\\|", "").split("\\|", -1).length - 2;
            if (columns < 0) {
                columns = cells;
                tables++;
            } else {
                assertEquals(columns, cells, "cells in row: " + line);
            }
        }
        assertTrue(tables >= 4, "tables: " + tables);
    }

    /** Share of pixels that are not near-white. */
    static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 3 * 235) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }
}
