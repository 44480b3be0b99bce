package dev.vigil.api.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Sends an NDJSON (or Prometheus text) file to a Vigil server in batches over HTTP, the same way
 * any shipper would, with a progress bar. Stops at the first batch the server rejects and reports
 * the file's own line numbers. Gzipped files ({@code .gz}) are read transparently.
 */
final class BulkImporter {
    /** What to send: the ingest path and the content type. */
    enum Kind {
        LOGS("/api/v1/logs", "application/x-ndjson"),
        METRICS("/api/v1/metrics", "application/x-ndjson"),
        PROMETHEUS("/api/v1/metrics", "text/plain; version=0.0.4"),
        EVENTS("/api/v1/events", "application/x-ndjson"),
        SPANS("/api/v1/spans", "application/x-ndjson");

        final String path;
        final String contentType;

        Kind(String path, String contentType) {
            this.path = path;
            this.contentType = contentType;
        }

        /** Guesses from the file name: metrics, events/changes/deploys, spans/traces, else logs. */
        static Kind guess(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".prom") || name.endsWith(".prom.gz")) {
                return PROMETHEUS;
            }
            if (name.contains("metric")) {
                return METRICS;
            }
            if (name.contains("event") || name.contains("change") || name.contains("deploy")) {
                return EVENTS;
            }
            if (name.contains("span") || name.contains("trace")) {
                return SPANS;
            }
            return LOGS;
        }
    }

    /** Outcome of one file. */
    record Result(long events, long batches, boolean ok, String error) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final int batchLines;
    private final PrintStream progressOut;

    BulkImporter(URI base, int batchLines, PrintStream progressOut) {
        this.base = base;
        this.batchLines = batchLines;
        this.progressOut = progressOut;
    }

    /**
     * @param waitSearchable make the last batch wait until everything is searchable
     */
    Result importFile(Path file, Kind kind, boolean waitSearchable) throws IOException, InterruptedException {
        long size = Files.size(file);
        ProgressBar bar = new ProgressBar(progressOut, file.getFileName().toString(), size);
        long events = 0;
        long batches = 0;
        long bytesRead = 0;
        int firstLine = 1;
        int lineNumber = 0;
        StringBuilder batch = new StringBuilder(1 << 20);
        int inBatch = 0;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            String pending = reader.readLine();
            while ((line = pending) != null) {
                pending = reader.readLine();
                lineNumber++;
                bytesRead += line.length() + 1;
                batch.append(line).append('\n');
                if (!line.isBlank() && !line.startsWith("#")) {
                    inBatch++;
                }
                // Prometheus text must not be split inside a metric family's comment block.
                boolean full = inBatch >= batchLines && (kind != Kind.PROMETHEUS || pending == null || !pending.startsWith("#"));
                if (full || pending == null) {
                    if (inBatch > 0 || pending == null) {
                        String error = send(batch.toString(), kind, waitSearchable && pending == null, firstLine, file);
                        if (error != null) {
                            bar.finish(Math.min(bytesRead, size), events);
                            return new Result(events, batches, false, error);
                        }
                        events += inBatch;
                        batches++;
                    }
                    batch.setLength(0);
                    inBatch = 0;
                    firstLine = lineNumber + 1;
                    bar.update(Math.min(bytesRead, size), events);
                }
            }
        }
        bar.finish(size, events);
        return new Result(events, batches, true, null);
    }

    /** @return null on success, or a description of the rejection with file line numbers */
    private String send(String body, Kind kind, boolean waitSearchable, int firstLine, Path file) throws IOException, InterruptedException {
        URI uri = base.resolve(kind.path + (waitSearchable ? "?refresh=wait_for" : ""));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", kind.contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return null;
            }
            if (response.statusCode() == 503 && attempt < 10) {
                Thread.sleep(200L * attempt);
                continue;
            }
            return describe(response, firstLine, file);
        }
    }

    private static String describe(HttpResponse<String> response, int firstLine, Path file) {
        StringBuilder out = new StringBuilder("server answered " + response.statusCode());
        try {
            JsonObject error = new JsonObject(response.body()).getJsonObject("error");
            out.append(": ").append(error.getString("message"));
            JsonArray details = error.getJsonArray("details");
            if (details != null) {
                for (int i = 0; i < details.size() && i < 20; i++) {
                    JsonObject detail = details.getJsonObject(i);
                    int line = firstLine + detail.getInteger("line", 1) - 1;
                    out.append("\n  ").append(file).append(':').append(line);
                    if (detail.getString("field") != null) {
                        out.append(" field '").append(detail.getString("field")).append('\'');
                    }
                    out.append(": ").append(detail.getString("message"));
                }
            }
        } catch (RuntimeException e) {
            out.append(": ").append(response.body());
        }
        return out.toString();
    }
}
