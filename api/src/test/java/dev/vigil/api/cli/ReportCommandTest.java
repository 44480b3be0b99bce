package dev.vigil.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
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
import picocli.CommandLine;

/**
 * {@code vigil report} against a real server over the samples and then against its data directory
 * with the server stopped: the files land in --out, the progress bar goes to standard error, and
 * a bad id or format is a usage error (exit 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReportCommandTest {
    private static final Path SAMPLES = Path.of("../samples/data").toAbsolutePath().normalize();

    private Path temp;
    private Path dataDir;
    private VigilNode node;
    private String url;
    private String incident;

    @BeforeAll
    void startLoadAndOpen(@TempDir Path temp) throws Exception {
        this.temp = temp;
        dataDir = temp.resolve("data");
        node = VigilNode.start(VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1").with("port", "0")
                .with("refresh-interval", "100ms"));
        url = "http://127.0.0.1:" + node.port();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String[] kind : new String[][] {{"/api/v1/events", "events.ndjson"}, {"/api/v1/metrics", "metrics.ndjson"},
            {"/api/v1/spans", "spans.ndjson"}, {"/api/v1/logs", "logs.ndjson"}}) {
            List<String> lines;
            try (Stream<String> all = Files.lines(SAMPLES.resolve(kind[1]))) {
                lines = all.filter(line -> !line.isBlank()).toList();
            }
            for (int from = 0; from < lines.size(); from += 5000) {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url + kind[0] + "?refresh=wait_for"))
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines.subList(from, Math.min(lines.size(), from + 5000)))))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, reply.statusCode(), reply.body());
            }
        }
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/incidents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"2026-11-02T10:40:00Z\",\"to\":\"2026-11-02T11:05:00Z\"}"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, opened.statusCode(), opened.body());
        incident = new JsonObject(opened.body()).getString("id");
    }

    @AfterAll
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run vigil(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new VigilCli()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static String pdfText(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    @Order(1)
    void incidentReportFromTheServerWithAProgressBar() throws IOException {
        Path out = temp.resolve("incident");
        Run run = vigil("report", "incident", incident, "--url", url, "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("incident report [") && run.err().contains("] 3/3 done"), run.err());
        assertTrue(run.out().contains("wrote " + out.resolve("incident-report.pdf")), run.out());
        assertTrue(pdfText(out.resolve("incident-report.pdf")).contains("payments v2.14.0"));
        String md = Files.readString(out.resolve("incident-report.md"));
        assertTrue(md.contains("](incident-report-charts/users-view.png)"), md);
        assertTrue(Files.size(out.resolve("incident-report-charts/users-view.png")) > 1000);
    }

    @Test
    @Order(2)
    void healthReportMarkdownOnlyFromTheServer() {
        Path out = temp.resolve("health");
        Run run = vigil("report", "health", "--from", "2026-11-02T10:00:00Z", "--to", "2026-11-02T11:30:00Z", "--format", "md",
                "--url", url, "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("health report [") && run.err().contains("4/4 done"), run.err());
        assertTrue(Files.isRegularFile(out.resolve("health-report.md")));
        assertTrue(Files.isRegularFile(out.resolve("health-report-charts/error-rate.png")));
        assertFalse(Files.exists(out.resolve("health-report.pdf")));
    }

    @Test
    @Order(3)
    void usageErrorsExitWithTwo() {
        assertEquals(2, vigil("report", "incident", "../etc", "--url", url, "--out", temp.resolve("x").toString()).code());
        assertEquals(2, vigil("report", "incident", incident, "--format", "docx", "--out", temp.resolve("x").toString()).code());
        Run bad = vigil("report", "health", "--from", "yesterday", "--to", "now", "--out", temp.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("RFC 3339"), bad.err());
        Run unknown = vigil("report", "incident", "20261102-zzzzzz", "--url", url, "--out", temp.resolve("x").toString());
        assertEquals(1, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("404") && unknown.err().contains("20261102-zzzzzz"), unknown.err());
        assertFalse(unknown.err().contains("\tat "), "no stack trace: " + unknown.err());
    }

    @Test
    @Order(4)
    void incidentReportFromTheDataDirectoryOfAStoppedServer() throws IOException {
        node.close();
        node = null;
        Path out = temp.resolve("offline");
        Run run = vigil("report", "incident", incident, "--data-dir", dataDir.toString(), "--format", "pdf", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("replaying the journal") && run.err().contains("] 7/7 done"), run.err());
        String text = pdfText(out.resolve("incident-report.pdf"));
        assertTrue(text.contains("payments v2.14.0") && text.contains("degraded"), text);
        assertFalse(Files.exists(out.resolve("incident-report.md")));
    }

    @Test
    @Order(100)
    void remoteModeDownloadsExactlyTheChartsTheMarkdownLinks(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path md = dir.resolve("health-report.md");
        Files.writeString(md, "# r\n![Request rate](health-report-charts/request-rate.png)\n"
                + "![SLO budget](health-report-charts/slo-budget.png)\n![again](health-report-charts/request-rate.png)\n"
                + "![elsewhere](other/x.png) [not an image link](health-report-charts/../secret.png)\n");
        assertEquals(List.of("request-rate.png", "slo-budget.png"),
                ReportCommand.linkedCharts(md, "health-report-charts", List.of("fallback.png")));
        Files.writeString(md, "# no charts\n");
        assertEquals(List.of("fallback.png"), ReportCommand.linkedCharts(md, "health-report-charts", List.of("fallback.png")));
    }
}
