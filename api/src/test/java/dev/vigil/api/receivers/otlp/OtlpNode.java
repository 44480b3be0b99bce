package dev.vigil.api.receivers.otlp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.search.EventSearcher;
import dev.vigil.analytics.search.SearchRequest;
import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.metrics.SeriesSamples;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Span;

/** A real Vigil node on a random loopback port, plus ways to read back exactly what it stored. */
final class OtlpNode implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final TimeRange ALL = new TimeRange(1, Long.MAX_VALUE - 1);
    final VigilNode node;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private OtlpNode(VigilNode node) {
        this.node = node;
        this.base = "http://127.0.0.1:" + node.port();
    }

    static OtlpNode start(Path dataDir, String... settings) throws Exception {
        VigilConfig config = VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config = config.with(settings[i], settings[i + 1]);
        }
        return new OtlpNode(VigilNode.start(config));
    }

    @Override
    public void close() throws IOException {
        node.close();
    }

    List<LogEvent> logs() {
        List<LogEvent> out = new ArrayList<>();
        for (Event e : search("log")) {
            out.add((LogEvent) e);
        }
        return out;
    }

    List<Span> spans() {
        List<Span> out = new ArrayList<>();
        for (Event e : search("span")) {
            out.add((Span) e);
        }
        return out;
    }

    private List<Event> search(String kind) {
        return new EventSearcher(node.pipeline()).search(new SearchRequest("", kind, ALL, 10_000, false)).hits();
    }

    List<SeriesSamples> series(String selector) {
        return new MetricQueryEngine(node.pipeline()).select(SeriesSelector.parse(selector), ALL);
    }

    /** Polls until {@code done} holds for what {@code read} returns, or fails after the deadline. */
    static <T> T await(String what, Supplier<T> read, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        T last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out after " + DEADLINE + " waiting for " + what + "; last seen: " + last);
            }
            Thread.sleep(50);
            last = read.get();
        }
        return last;
    }

    HttpResponse<byte[]> post(String path, String contentType, String encoding, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
