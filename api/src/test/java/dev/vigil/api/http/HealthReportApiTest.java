package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/reports/health} on a real node holding the checked-in samples, an SLO from the
 * node's SLO file and the payments incident opened over HTTP: the PDF names the incident's top
 * cause, the degraded payments deploy and the SLO; the Markdown links charts the chart route serves.
 */
@Timeout(value = 180, unit = java.util.concurrent.TimeUnit.SECONDS)
class HealthReportApiTest {
    private static final Path SAMPLES = TestServer.SAMPLES;
    private static final String WINDOW = "from=2026-11-02T10:00:00Z&to=2026-11-02T12:00:00Z";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void loadSamples() throws Exception {
        assertTrue(Files.isDirectory(SAMPLES.resolve("incidents")), "no samples at " + SAMPLES);
        Path slos = dir.resolve("slos.yaml");
        Files.writeString(slos, "slos:\n  - {id: checkout-availability, name: Checkout availability, service: checkout, indicator: {type: availability}, target: 99, window: 1d}\n");
        server = TestServer.start(dir.resolve("data"), "slo-file", slos.toString());
        server.ingestSamples();
        TestServer.Reply opened = server.post("/api/v1/incidents", "application/json", new JsonObject()
                .put("from", "2026-11-02T10:40:00Z").put("to", "2026-11-02T11:05:00Z").put("service", "payments")
                .put("title", "Payments pool exhausted").encode());
        assertEquals(201, opened.status(), opened::text);
    }

    @AfterAll
    static void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pdfNamesTheIncidentCauseTheDeployVerdictAndTheSlo() throws IOException {
        TestServer.Reply reply = server.get("/api/v1/reports/health?" + WINDOW + "&format=pdf");
        assertEquals(200, reply.status(), reply::text);
        assertEquals("application/pdf", reply.headers().firstValue("Content-Type").orElse(""));
        try (PDDocument pdf = Loader.loadPDF(reply.body())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertTrue(text.contains("Payments pool exhausted"), text);
            assertTrue(text.matches(".*Top cause: Change on payments[^.]*v2\\.14\\.0.*"), text);
            assertTrue(text.matches(".*payments deploy v2\\.14\\.0 Degraded, (rolled back )?error rate [0-9.]+% \u2192 [0-9.]+%.*"), text);
            assertTrue(text.contains("checkout-availability"), text);
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 36);
            assertNotNull(page);
        }
    }

    @Test
    void markdownLinksChartsTheChartRouteServes() throws IOException {
        TestServer.Reply reply = server.get("/api/v1/reports/health?" + WINDOW + "&format=md");
        assertEquals(200, reply.status(), reply::text);
        String md = reply.text();
        assertTrue(md.contains("## Deploys and changes"), md);
        assertTrue(md.contains("## SLOs"), md);
        Matcher links = Pattern.compile("\\]\\((/api/v1/reports/health/charts/[a-z0-9-]+\\.png\\?[^)]+)\\)").matcher(md);
        int charts = 0;
        while (links.find()) {
            charts++;
            TestServer.Reply png = server.get(links.group(1));
            assertEquals(200, png.status(), links.group(1));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
            assertNotNull(image, links.group(1));
            assertTrue(nonWhite(image) > 0.02, links.group(1) + " is blank");
        }
        assertEquals(4, charts, md);
    }

    @Test
    void badFormatIsRefusedByName() {
        JsonObject error = server.get("/api/v1/reports/health?" + WINDOW + "&format=docx").error(400);
        assertTrue(error.getString("message").contains("format"), error::encode);
    }

    private static double nonWhite(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }
}
