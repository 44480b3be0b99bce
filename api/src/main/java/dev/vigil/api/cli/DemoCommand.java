package dev.vigil.api.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil demo}: the whole product in one command. Starts an embedded server, ingests the
 * sample system over HTTP, opens each sample incident (which runs its root-cause analysis) and
 * writes its incident report, then the health report for the sample window and the system
 * implementation plan (to {@code plan-file}, by default {@code out/SYSTEM_PLAN.md}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded server, ingest samples/ over HTTP, open each sample incident (root-cause analysis",
                "and out/incidents/<id>/incident-report.md|pdf), and write out/health-report.md, out/health-report.pdf",
                "and out/SYSTEM_PLAN.md. Keeps serving until Ctrl-C unless --exit."})
final class DemoCommand implements Callable<Integer> {
    private static final String[] ORDER = {"events.ndjson", "metrics.ndjson", "spans.ndjson", "logs.ndjson"};

    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(names = "--samples", description = "Sample data directory (default: samples/data).")
    Path samples;

    @Option(names = "--out", description = "Where to write the reports (default: out).")
    Path out = Path.of("out");

    @Option(names = "--exit", description = "Exit after writing the reports instead of serving.")
    boolean exit;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        Path samplesDir = samples != null ? samples : defaultSamples();
        if (!Files.isDirectory(samplesDir)) {
            System.err.println("no sample data at " + samplesDir + ": run from the Vigil checkout or pass --samples DIR");
            return 2;
        }
        Path dataDir = server.dataDir != null ? server.dataDir : out.resolve("demo-data");
        if (server.dataDir == null) {
            deleteRecursively(dataDir);
        }
        VigilConfig config = server.resolve(VigilConfig.defaults()).with("data-dir", dataDir.toString());
        if (server.host == null) {
            config = config.with("host", "127.0.0.1");
        }
        if (config.planFile() == null) {
            config = config.with("plan-file", out.resolve("SYSTEM_PLAN.md").toString());
        }
        VigilNode node;
        try {
            node = VigilNode.start(config);
        } catch (Exception e) {
            if (server.port != null) {
                throw e;
            }
            System.err.println("port " + config.port() + " is busy; using a free port instead");
            node = VigilNode.start(config.with("port", "0"));
        }
        URI base = URI.create("http://127.0.0.1:" + node.port());
        System.out.println("Vigil demo: server on " + base + ", data in " + dataDir.toAbsolutePath());
        try {
            int failures = run(base, samplesDir);
            if (exit) {
                node.close();
                return failures == 0 ? 0 : 1;
            }
            System.out.println("\nVigil keeps serving on " + base + " (try " + base + "/api/v1/logs/search?q=level:ERROR&from=2026-11-02T10:00:00Z). Ctrl-C to stop.");
            ServeCommand.awaitShutdown(node);
            return 0;
        } catch (Exception e) {
            node.close();
            throw e;
        }
    }

    /** @return how many incidents were not explained by their true root cause */
    private int run(URI base, Path samplesDir) throws Exception {
        BulkImporter importer = new BulkImporter(base, 5000, System.err);
        for (String name : ORDER) {
            Path file = samplesDir.resolve(name);
            if (Files.exists(file)) {
                BulkImporter.Result result = importer.importFile(file, BulkImporter.Kind.guess(file), true);
                if (!result.ok()) {
                    throw new IllegalStateException("sample " + file + " was rejected: " + result.error());
                }
            }
        }
        System.out.println("Samples ingested and searchable.\n");

        int failures = 0;
        List<Path> incidents = new ArrayList<>();
        Path incidentDir = samplesDir.resolve("incidents");
        if (Files.isDirectory(incidentDir)) {
            try (Stream<Path> files = Files.list(incidentDir)) {
                files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(incidents::add);
            }
        }
        for (Path incidentFile : incidents) {
            JsonObject incident = new JsonObject(Files.readString(incidentFile));
            JsonObject window = incident.getJsonObject("window");
            // Opened as an incident, so its analysis and timeline are kept and it gets a report.
            JsonObject opened = postJson(base.resolve("/api/v1/incidents"), new JsonObject().put("from", window.getString("from"))
                    .put("to", window.getString("to")).put("title", incident.getString("title", incident.getString("id"))));
            JsonArray candidates = opened.getJsonObject("rca").getJsonArray("candidates");
            System.out.println("Incident " + incident.getString("id") + ": " + incident.getString("title", ""));
            System.out.println("  window " + window.getString("from") + " to " + window.getString("to"));
            if (candidates.isEmpty()) {
                System.out.println("  no root-cause candidates found");
                failures++;
                continue;
            }
            for (int i = 0; i < Math.min(3, candidates.size()); i++) {
                JsonObject c = candidates.getJsonObject(i);
                System.out.printf(Locale.ROOT, "  #%d %-11s %-10s score %.2f  %s%n", c.getInteger("rank"), c.getString("kind"),
                        c.getString("service"), c.getDouble("score"), c.getString("subject"));
            }
            JsonObject top = candidates.getJsonObject(0);
            System.out.println("  Top root cause: " + top.getString("explanation"));
            writeIncidentReport(base, incident.getString("id"), opened.getString("id"));
            JsonObject truth = incident.getJsonObject("root_cause");
            boolean match = truth != null && truth.getString("kind").equals(top.getString("kind"))
                    && truth.getString("service").equals(top.getString("service"))
                    && top.getString("subject").contains(truth.getString("subject_contains", ""));
            System.out.println(match ? "  ✓ matches the recorded root cause\n" : "  ✗ the recorded root cause is " + truth + "\n");
            if (!match) {
                failures++;
            }
        }

        Instant[] span = dataSpan(base);
        writeReports(base, span[0], span[1]);
        return failures;
    }

    private void writeReports(URI base, Instant from, Instant to) throws IOException, InterruptedException {
        Files.createDirectories(out.resolve("health-report-charts"));
        String window = "from=" + encode(from.toString()) + "&to=" + encode(to.toString());
        System.out.println("Writing the health report for " + from + " to " + to + " ...");
        Path markdown = out.resolve("health-report.md");
        Files.write(markdown, get(base.resolve("/api/v1/reports/health?format=md&chart_base=health-report-charts&" + window)));
        for (String chart : List.of("request-rate.png", "error-rate.png", "p95-latency.png")) {
            Files.write(out.resolve("health-report-charts").resolve(chart), get(base.resolve("/api/v1/reports/health/charts/" + chart + "?" + window)));
        }
        Path pdf = out.resolve("health-report.pdf");
        Files.write(pdf, get(base.resolve("/api/v1/reports/health?format=pdf&" + window)));
        System.out.println("Health report: " + markdown.toAbsolutePath() + "\n               " + pdf.toAbsolutePath());
        JsonObject plan = postJson(base.resolve("/api/v1/plan/refresh"), new JsonObject());
        System.out.println("System implementation plan (" + plan.getString("overall") + "): " + plan.getString("file"));
    }

    /** The incident report as Markdown (its chart beside it) and PDF, in {@code out/incidents/<sample id>/}. */
    private void writeIncidentReport(URI base, String sampleId, String incidentId) throws IOException, InterruptedException {
        Path dir = out.resolve("incidents").resolve(sampleId);
        Files.createDirectories(dir.resolve("charts"));
        String report = "/api/v1/incidents/" + incidentId + "/report";
        Files.write(dir.resolve("incident-report.md"), get(base.resolve(report + "?format=md&chart_base=charts")));
        Files.write(dir.resolve("charts").resolve("users-view.png"), get(base.resolve(report + "/charts/users-view.png")));
        Path pdf = dir.resolve("incident-report.pdf");
        Files.write(pdf, get(base.resolve(report + "?format=pdf")));
        System.out.println("  Incident report: " + pdf.toAbsolutePath());
    }

    /** First and last log timestamps, widened to whole minutes. */
    private Instant[] dataSpan(URI base) throws IOException, InterruptedException {
        String all = "from=2000-01-01T00:00:00Z&to=" + encode(Instant.now().plus(3650, ChronoUnit.DAYS).toString()) + "&limit=1";
        JsonObject first = new JsonObject(new String(get(base.resolve("/api/v1/logs/search?order=asc&" + all)), StandardCharsets.UTF_8));
        JsonObject last = new JsonObject(new String(get(base.resolve("/api/v1/logs/search?order=desc&" + all)), StandardCharsets.UTF_8));
        Instant from = Instant.parse(first.getJsonArray("hits").getJsonObject(0).getString("timestamp")).truncatedTo(ChronoUnit.MINUTES);
        Instant to = Instant.parse(last.getJsonArray("hits").getJsonObject(0).getString("timestamp")).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return new Instant[] {from, to};
    }

    private JsonObject postJson(URI uri, JsonObject body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    private byte[] get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Path defaultSamples() {
        String home = System.getProperty("vigil.home");
        Path fromHome = home == null ? null : Path.of(home, "samples", "data");
        return fromHome != null && Files.isDirectory(fromHome) ? fromHome : Path.of("samples", "data");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
