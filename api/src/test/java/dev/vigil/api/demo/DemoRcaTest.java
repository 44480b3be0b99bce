package dev.vigil.api.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.Locale;
import java.util.stream.Stream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.cli.VigilCli;
import dev.vigil.api.config.VigilConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The demo path against the checked-in samples, once: {@code vigil demo --exit} through picocli
 * (embedded server, HTTP import of samples/data, RCA of each sample incident, health report), then
 * a node reopened on the data directory the demo filled, so every incident's RCA can be asserted
 * against its recorded ground truth without ingesting the samples a second time.
 */
@Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class DemoRcaTest {
    /** The checked-in samples, relative to the api module (surefire's working directory). */
    private static final Path SAMPLES = Path.of("../samples/data").toAbsolutePath().normalize();

    @TempDir
    static Path temp;

    private static Path out;
    private static Path data;
    private static int demoExit;
    private static String demoOutput;
    private static double demoSeconds;
    private static VigilNode node;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void runDemoThenReopen() throws Exception {
        assertTrue(Files.isDirectory(SAMPLES.resolve("incidents")), "no samples at " + SAMPLES);
        out = temp.resolve("out");
        data = temp.resolve("demo-data");
        long started = System.nanoTime();
        // Capture what the demo prints (its per-incident verdicts) while still showing it.
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8);
        System.setOut(tee);
        try {
            demoExit = new CommandLine(new VigilCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(
                    "demo", "--exit", "--samples", SAMPLES.toString(), "--out", out.toString(),
                    "--data-dir", data.toString(), "--port", "0");
        } finally {
            System.setOut(original);
            tee.flush();
        }
        demoOutput = captured.toString(StandardCharsets.UTF_8);
        demoSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "vigil demo exited with %d after %.1f s%n", demoExit, demoSeconds);

        // The demo closed its node (committing the index); reopen the same data to query it.
        long reopened = System.nanoTime();
        node = VigilNode.start(VigilConfig.defaults().with("data-dir", data.toString()).with("host", "127.0.0.1").with("port", "0"));
        awaitReady();
        System.out.printf(Locale.ROOT, "node reopened on the demo data in %.1f s%n", (System.nanoTime() - reopened) / 1e9);
    }

    @AfterAll
    static void closeNode() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void demoExplainsEveryIncidentAndWritesTheHealthReport() throws IOException {
        assertEquals(0, demoExit, () -> "vigil demo did not explain every incident by its recorded root cause:\n" + demoOutput);
        assertTrue(demoOutput.contains("Samples ingested and searchable."), demoOutput);
        assertFalse(demoOutput.contains("✗"), demoOutput);

        Path markdown = out.resolve("health-report.md");
        Path pdf = out.resolve("health-report.pdf");
        assertTrue(Files.isRegularFile(markdown), "missing " + markdown);
        assertTrue(Files.isRegularFile(pdf), "missing " + pdf);
        String md = Files.readString(markdown);
        assertFalse(md.isBlank(), "health-report.md is empty");
        assertTrue(md.contains("payments"), "health-report.md does not mention payments:\n" + md);
        assertTrue(md.contains("inventory"), "health-report.md does not mention inventory:\n" + md);

        byte[] pdfBytes = Files.readAllBytes(pdf);
        assertTrue(pdfBytes.length > 1000, "health-report.pdf has only " + pdfBytes.length + " bytes");
        assertEquals("%PDF", new String(pdfBytes, 0, 4, StandardCharsets.ISO_8859_1), "health-report.pdf is not a PDF");

        Path charts = out.resolve("health-report-charts");
        for (String chart : List.of("request-rate.png", "error-rate.png", "p95-latency.png")) {
            Path png = charts.resolve(chart);
            assertTrue(Files.isRegularFile(png), "missing chart " + png);
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G',
                    chart + " is not a PNG");
            // The markdown links the charts it was written with.
            assertTrue(md.contains("health-report-charts/" + chart), "health-report.md does not link " + chart);
        }
    }

    /** The demo imported every sample over HTTP, and a clean close and reopen kept each exactly once. */
    @Test
    void reopenedNodeHoldsEverySampleExactlyOnce() throws Exception {
        for (String[] file : new String[][] {{"logs.ndjson", "logs"}, {"spans.ndjson", "spans"}, {"events.ndjson", "events"}}) {
            long lines;
            try (Stream<String> all = Files.lines(SAMPLES.resolve(file[0]))) {
                lines = all.filter(line -> !line.isBlank()).count();
            }
            URI uri = URI.create("http://127.0.0.1:" + node.port() + "/api/v1/" + file[1]
                    + "/search?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=1");
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response::body);
            assertEquals(lines, new JsonObject(response.body()).getLong("total"), file[0] + ": stored events vs lines in the sample");
        }
    }

    static Stream<Path> incidents() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES.resolve("incidents"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertFalse(list.isEmpty(), "no incidents in " + SAMPLES.resolve("incidents"));
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidents")
    void topCandidateIsTheRecordedRootCause(Path incidentFile) throws Exception {
        JsonObject incident = new JsonObject(Files.readString(incidentFile));
        JsonObject window = incident.getJsonObject("window");
        JsonObject truth = incident.getJsonObject("root_cause");
        assertNotNull(window, incidentFile + " has no window");
        assertNotNull(truth, incidentFile + " has no root_cause");

        JsonObject request = new JsonObject().put("from", window.getString("from")).put("to", window.getString("to"));
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1/rca"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> "POST /api/v1/rca answered " + response.body());
        JsonArray candidates = new JsonObject(response.body()).getJsonArray("candidates");
        String top3 = describe(candidates, 3);
        System.out.printf(Locale.ROOT, "%s: RCA in %.0f ms%n%s", incident.getString("id"), (System.nanoTime() - started) / 1e6, top3);
        assertFalse(candidates.isEmpty(), incident.getString("id") + ": no root-cause candidates");

        JsonObject top = candidates.getJsonObject(0);
        String expected = "expected " + truth.encode() + "; top candidates:\n" + top3;
        assertAll(incident.getString("id"),
                () -> assertEquals(1, top.getInteger("rank"), expected),
                () -> assertEquals(truth.getString("kind"), top.getString("kind"), expected),
                () -> assertEquals(truth.getString("service"), top.getString("service"), expected),
                () -> assertTrue(top.getString("subject").contains(truth.getString("subject_contains")), expected));
    }

    private static String describe(JsonArray candidates, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(n, candidates.size()); i++) {
            JsonObject c = candidates.getJsonObject(i);
            text.append(String.format(Locale.ROOT, "  #%d %-8s %-10s score %.3f  %s%n", c.getInteger("rank"), c.getString("kind"),
                    c.getString("service"), c.getDouble("score"), c.getString("subject")));
        }
        return text.toString();
    }

    private static void awaitReady() throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + node.port() + "/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return;
            }
            last = response.body();
            // Bounded wait for the replay to make progress; the loop re-polls /ready.
            node.pipeline().indexer().awaitSearchable(node.pipeline().journal().lastIndex())
                    .completeOnTimeout(null, 100, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
        throw new AssertionError("the reopened node was not ready within 30 s: " + last);
    }

    /** Writes to two streams: the real standard output and a capture buffer. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int value) throws IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            a.write(bytes, offset, length);
            b.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
