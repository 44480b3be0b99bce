package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.reports.health.HealthReportAssembler;
import dev.vigil.reports.health.ReportFiles;
import dev.vigil.reports.schedule.ReportCadence;
import dev.vigil.reports.schedule.ReportSchedule;
import dev.vigil.reports.schedule.ReportScheduler;
import dev.vigil.reports.schedule.ReportStore;
import dev.vigil.reports.schedule.StoredReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
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
 * Scheduled reports through the real server over the samples: a scheduler on a fixed clock writes
 * the daily report of 2026-11-02 into the data directory once, GET /api/v1/reports lists it and
 * every file downloads (the Markdown's relative chart links too), retention keeps the newest N,
 * and ids or file names that are malformed, unknown or lead out of the directory get JSON errors
 * and never a file's content.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ScheduledReportsApiTest {
    private static final Path SAMPLES = Path.of("../samples/data").toAbsolutePath().normalize();
    private static final String SECRET = "secret-outside-the-reports-directory";

    private Path dataDir;
    private VigilNode node;
    private HttpClient http;
    private String base;

    @BeforeAll
    void startAndLoad(@TempDir Path temp) throws Exception {
        dataDir = temp.resolve("data");
        node = VigilNode.start(VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1").with("port", "0")
                .with("refresh-interval", "100ms").with("report-schedule", "daily").with("report-retention", "2"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        base = "http://127.0.0.1:" + node.port();
        for (String[] kind : new String[][] {{"/api/v1/events", "events.ndjson"}, {"/api/v1/metrics", "metrics.ndjson"},
            {"/api/v1/spans", "spans.ndjson"}, {"/api/v1/logs", "logs.ndjson"}}) {
            List<String> lines;
            try (Stream<String> all = Files.lines(SAMPLES.resolve(kind[1]))) {
                lines = all.filter(line -> !line.isBlank()).toList();
            }
            for (int from = 0; from < lines.size(); from += 5000) {
                HttpResponse<String> reply = post(kind[0] + "?refresh=wait_for",
                        String.join("\n", lines.subList(from, Math.min(lines.size(), from + 5000))) + "\n");
                assertEquals(200, reply.statusCode(), reply.body());
            }
        }
        Files.writeString(dataDir.resolve("secret.md"), SECRET);
    }

    @AfterAll
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    private ReportScheduler scheduler(String now) {
        return new ReportScheduler(new ReportStore(dataDir.resolve("reports")), new HealthReportAssembler(node.pipeline()),
                new ReportFiles(), new ReportSchedule(java.util.Set.of(ReportCadence.DAILY), 2), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    @Test
    @Order(1)
    void theDailyReportIsWrittenOnceIntoTheDataDirectory() throws IOException {
        List<StoredReport> written = scheduler("2026-11-03T00:10:00Z").runDue();
        assertEquals(1, written.size(), written::toString);
        StoredReport daily = written.get(0);
        assertEquals("daily-2026-11-02", daily.id());
        assertEquals(Instant.parse("2026-11-02T00:00:00Z"), daily.from());
        assertEquals(Instant.parse("2026-11-03T00:00:00Z"), daily.to());
        Path dir = dataDir.resolve("reports/daily-2026-11-02");
        for (String file : List.of("health-report.md", "health-report.pdf", "health-report-charts/error-rate.png", "report.properties")) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(dataDir.resolve("reports/index.md")).contains("[health-report.pdf](daily-2026-11-02/health-report.pdf)"));
        assertEquals(List.of(), scheduler("2026-11-03T23:59:00Z").runDue(), "the same day is not written twice");
    }

    @Test
    @Order(2)
    void theReportIsListedAndEveryFileDownloads() throws Exception {
        HttpResponse<String> listed = get("/api/v1/reports");
        assertEquals(200, listed.statusCode(), listed.body());
        JsonArray reports = new JsonObject(listed.body()).getJsonArray("reports");
        assertEquals(1, reports.size(), listed.body());
        JsonObject daily = reports.getJsonObject(0);
        assertEquals("daily-2026-11-02", daily.getString("id"));
        assertEquals("daily", daily.getString("cadence"));
        assertEquals("2026-11-02T00:00:00Z", daily.getString("from"));
        List<String> names = new ArrayList<>();
        for (Object f : daily.getJsonArray("files")) {
            JsonObject file = (JsonObject) f;
            names.add(file.getString("name"));
            HttpResponse<byte[]> body = getBytes(file.getString("url"));
            assertEquals(200, body.statusCode(), file.toString());
            assertTrue(body.body().length > 0, file.toString());
        }
        assertTrue(names.containsAll(List.of("health-report.md", "health-report.pdf", "health-report-charts/request-rate.png")), names.toString());
        assertFalse(names.contains("report.properties"));

        HttpResponse<byte[]> pdf = getBytes("/api/v1/reports/daily-2026-11-02/health-report.pdf");
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("payments"), text);
            assertTrue(text.contains("2026-11-02 00:00"), text);
        }
        // The Markdown's relative chart links resolve against its own URL.
        String mdUrl = "/api/v1/reports/daily-2026-11-02/health-report.md";
        String md = get(mdUrl).body();
        Matcher image = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(md);
        int images = 0;
        while (image.find()) {
            images++;
            HttpResponse<byte[]> png = getBytes(URI.create(base + mdUrl).resolve(image.group(1)).getRawPath());
            assertEquals(200, png.statusCode(), image.group(1));
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        }
        assertTrue(images >= 3, md);
    }

    @Test
    @Order(3)
    void retentionKeepsTheNewestReports() {
        assertEquals(1, scheduler("2026-11-04T00:10:00Z").runDue().size());
        assertEquals(1, scheduler("2026-11-05T00:10:00Z").runDue().size());
        List<String> ids = new ArrayList<>();
        for (Object r : new JsonObject(get("/api/v1/reports").body()).getJsonArray("reports")) {
            ids.add(((JsonObject) r).getString("id"));
        }
        assertEquals(List.of("daily-2026-11-04", "daily-2026-11-03"), ids);
        assertFalse(Files.exists(dataDir.resolve("reports/daily-2026-11-02")));
    }

    @Test
    @Order(4)
    void badIdsAndFileNamesNeverReachAFileOutside() throws IOException {
        Path report = dataDir.resolve("reports/daily-2026-11-04");
        Files.createSymbolicLink(report.resolve("leak.md"), dataDir.resolve("secret.md"));
        assertError(400, "/api/v1/reports/BAD/health-report.md", "'id'");
        assertError(400, "/api/v1/reports/daily-2026-11-04/report.properties", "'file'");
        assertError(400, "/api/v1/reports/daily-2026-11-04/..%2F..%2Fsecret.md", null);
        assertError(400, "/api/v1/reports/daily-2026-11-04/a/b/c.md", "'file'");
        assertError(404, "/api/v1/reports/daily-2099-01-01/health-report.md", "daily-2099-01-01");
        assertError(404, "/api/v1/reports/daily-2026-11-04/missing.md", "missing.md");
        assertError(404, "/api/v1/reports/daily-2026-11-04/leak.md", null);
        for (String path : List.of("/api/v1/reports/daily-2026-11-04/../../secret.md", "/api/v1/reports/daily-2026-11-04/%2e%2e/%2e%2e/secret.md",
                "/api/v1/reports/%2e%2e/secret.md", "/api/v1/reports/daily-2026-11-04/..%5c..%5csecret.md")) {
            HttpResponse<String> reply = get(path);
            assertTrue(reply.statusCode() == 400 || reply.statusCode() == 404, path + " -> " + reply.statusCode());
            assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
            assertFalse(reply.body().contains(SECRET), path);
        }
    }

    @Test
    @Order(5)
    void theScheduleIsASettingWithItsErrorsNamed() {
        VigilConfig config = VigilConfig.defaults().with("report-schedule", "daily, weekly").with("report-retention", "30");
        assertEquals(java.util.Set.of(ReportCadence.DAILY, ReportCadence.WEEKLY), config.reportSchedule().cadences());
        assertEquals(30, config.reportSchedule().retention());
        assertFalse(VigilConfig.defaults().reportSchedule().enabled());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VigilConfig.defaults().with("report-schedule", "hourly"))
                .getMessage().contains("daily or weekly"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VigilConfig.defaults().with("report-retention", "0"))
                .getMessage().contains("between 1 and"));
    }

    private void assertError(int status, String path, String mentioned) {
        HttpResponse<String> reply = get(path);
        assertEquals(status, reply.statusCode(), path + ": " + reply.body());
        JsonObject error = new JsonObject(reply.body()).getJsonObject("error");
        assertTrue(error != null && !error.getString("message").isBlank(), reply.body());
        if (mentioned != null) {
            assertTrue(error.getString("message").contains(mentioned), reply.body());
        }
        assertFalse(reply.body().contains(SECRET));
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path, e);
        }
    }

    private HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
