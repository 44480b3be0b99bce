package dev.vigil.api.receivers.promrw;

import static dev.vigil.api.receivers.promrw.WriteRequests.body;
import static dev.vigil.api.receivers.promrw.WriteRequests.label;
import static dev.vigil.api.receivers.promrw.WriteRequests.protobuf;
import static dev.vigil.api.receivers.promrw.WriteRequests.sample;
import static dev.vigil.api.receivers.promrw.WriteRequests.series;
import static dev.vigil.api.receivers.promrw.WriteRequests.snappy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.metrics.SeriesSamples;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote write against a real node with hand-built snappy + protobuf bodies: exact round trips,
 * stale markers, unknown fields, partial rejection, header checks and a malformed-body corpus.
 * Every test writes its own metric names, so "nothing stored" can be checked exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RemoteWriteApiTest {
    static final long STALE_NAN_BITS = 0x7ff0000000000002L;
    private static final String[] GOOD_HEADERS = {"Content-Encoding", "snappy", "Content-Type", "application/x-protobuf",
            "X-Prometheus-Remote-Write-Version", "0.1.0", "User-Agent", "Prometheus/2.42.0"};
    private static final long T0 = Instant.parse("2030-06-01T00:00:00Z").toEpochMilli();

    private VigilNode node;
    private HttpClient http;

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonObject error(int expected) {
            assertEquals(expected, status, () -> "status; body: " + body);
            assertTrue(headers.firstValue("Content-Type").orElse("").startsWith("application/json"), () -> "JSON error expected: " + body);
            JsonObject error = new JsonObject(body).getJsonObject("error");
            assertTrue(error != null && !error.getString("message", "").isBlank(), () -> "error.message in " + body);
            return error;
        }
    }

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        node = VigilNode.start(VigilConfig.defaults().with("data-dir", dataDir.toString()).with("host", "127.0.0.1")
                .with("port", "0").with("refresh-interval", "100ms").with("body-limit", "8MiB"));
        http = newClient();
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    Reply post(HttpClient client, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply write(byte[] body) {
        return post(http, "/api/v1/write", body, GOOD_HEADERS);
    }

    Reply get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every stored series named {@code name}, read in-process (raw values, stale markers included). */
    List<SeriesSamples> stored(String name) {
        return node.pipeline().metrics().select(node.pipeline().snapshot(), name, List.of(), 1, Long.MAX_VALUE);
    }

    /** Waits until {@code name} has {@code samples} samples in all (deadline 20 s), then returns its series. */
    List<SeriesSamples> awaitStored(String name, int samples) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<SeriesSamples> series = stored(name);
            int count = series.stream().mapToInt(SeriesSamples::size).sum();
            if (count == samples) {
                return series;
            }
            if (count > samples || System.nanoTime() > deadline) {
                fail("expected " + samples + " samples of " + name + ", found " + count + ": " + series);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Asserts that nothing named {@code name} is stored, after a request that should store nothing has been indexed. */
    void assertNothingStored(String... names) {
        // A marker written after the rejected request is indexed after it: once the marker is visible, so would be the rest.
        String marker = "promrw_marker_" + System.nanoTime();
        assertEquals(204, write(body(List.of(series(marker, List.of(sample(1, T0)), "job", "marker")))).status());
        awaitStored(marker, 1);
        for (String name : names) {
            assertEquals(List.of(), stored(name), "nothing of " + name + " may be stored");
        }
    }

    static SeriesSamples only(List<SeriesSamples> series, String label, String value) {
        List<SeriesSamples> matching = series.stream().filter(s -> value.equals(s.labels().get(label))).toList();
        assertEquals(1, matching.size(), () -> "one series with " + label + "=" + value + " in " + series);
        return matching.get(0);
    }

    @Test
    void samplesRoundTripExactlyIncludingStaleMarkers() {
        double stale = Double.longBitsToDouble(STALE_NAN_BITS);
        String name = "promrw_roundtrip_seconds";
        List<WriteRequests.Series> request = List.of(
                series(name, List.of(sample(0.1, T0), sample(-2.5e-300, T0 + 15_000), sample(1.7976931348623157e308, T0 + 30_000),
                        sample(stale, T0 + 45_000)), "job", "api", "instance", "10.0.0.1:9100"),
                series(name, List.of(sample(Double.POSITIVE_INFINITY, T0 + 1), sample(42, T0 + 2)),
                        "instance", "10.0.0.2:9100", "job", "api", "path", "/ünïcode \"quoted\""));
        Reply reply = write(body(request));
        assertEquals(204, reply.status(), () -> "body: " + reply.body());
        assertEquals("", reply.body(), "remote write success has an empty body");

        List<SeriesSamples> series = awaitStored(name, 6);
        SeriesSamples first = only(series, "instance", "10.0.0.1:9100");
        assertEquals(Map.of("job", "api", "instance", "10.0.0.1:9100"), first.labels(), "__name__ is the name, not a label");
        assertEquals(name, first.name());
        assertArrayEquals(new long[] {T0, T0 + 15_000, T0 + 30_000, T0 + 45_000}, first.timestampsMillis());
        assertEquals(0.1, first.values()[0]);
        assertEquals(-2.5e-300, first.values()[1]);
        assertEquals(1.7976931348623157e308, first.values()[2]);
        assertEquals(STALE_NAN_BITS, Double.doubleToRawLongBits(first.values()[3]), "stale marker bits kept");

        SeriesSamples second = only(series, "instance", "10.0.0.2:9100");
        assertEquals("/ünïcode \"quoted\"", second.labels().get("path"));
        assertArrayEquals(new long[] {T0 + 1, T0 + 2}, second.timestampsMillis());
        assertEquals(Double.POSITIVE_INFINITY, second.values()[0]);
        assertEquals(42.0, second.values()[1]);

        // And through the public query API.
        JsonObject count = new JsonObject(get("/api/v1/metrics/query?query=" + enc(name + "{job=\"api\"}") + "&from=" + enc(Instant.ofEpochMilli(T0))
                + "&to=" + enc(Instant.ofEpochMilli(T0 + 60_000)) + "&step=1m&agg=count").body());
        assertEquals(2, count.getJsonArray("series").size(), () -> "two series: " + count);
    }

    @Test
    void prometheusPathAndFreshConnectionsWork() {
        // Each request on a new connection: the stock inflater has already claimed the first request's body.
        String name = "promrw_fresh_connections";
        for (int i = 0; i < 3; i++) {
            Reply reply = post(newClient(), i % 2 == 0 ? "/api/v1/write" : "/prometheus/api/v1/write",
                    body(List.of(series(name, List.of(sample(i, T0 + i)), "run", "r" + i))), GOOD_HEADERS);
            assertEquals(204, reply.status(), () -> "request " + " body: " + reply.body());
        }
        awaitStored(name, 3);
    }

    @Test
    void gzipStillWorksOnOtherRoutesOfTheSameConnection() throws IOException {
        HttpClient client = newClient();
        String name = "promrw_then_gzip";
        assertEquals(204, post(client, "/api/v1/write", body(List.of(series(name, List.of(sample(1, T0)), "via", "rw"))), GOOD_HEADERS).status());
        String line = new JsonObject().put("name", name).put("labels", new JsonObject().put("via", "ndjson"))
                .put("timestamp", Instant.ofEpochMilli(T0 + 1).toString()).put("value", 2).encode() + "\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }
        Reply reply = post(client, "/api/v1/metrics", gz.toByteArray(), "Content-Type", "application/x-ndjson", "Content-Encoding", "gzip");
        assertEquals(200, reply.status(), () -> "gzip NDJSON after remote write on one connection: " + reply.body());
        awaitStored(name, 2);
    }

    @Test
    void unknownFieldsAreSkipped() {
        String name = "promrw_unknown_fields";
        // TimeSeries.exemplars (3) and histograms (4), an unknown varint 9, a fixed32 10.
        byte[] seriesExtra = WriteRequests.write(out -> {
            out.writeByteArray(3, WriteRequests.write(e -> {
                e.writeByteArray(1, WriteRequests.write(l -> {
                    l.writeString(1, "trace_id");
                    l.writeString(2, "abc");
                }));
                e.writeDouble(2, 1.5);
                e.writeInt64(3, T0);
            }));
            out.writeByteArray(4, WriteRequests.write(h -> h.writeUInt64(1, 7)));
            out.writeUInt64(9, 123);
            out.writeFixed32(10, 5);
        });
        // WriteRequest.metadata (3) as Prometheus sends it, and an unknown field 15.
        byte[] requestExtra = WriteRequests.write(out -> {
            out.writeByteArray(3, WriteRequests.write(m -> {
                m.writeEnum(1, 1);
                m.writeString(2, name);
                m.writeString(4, "help text");
                m.writeString(5, "");
            }));
            out.writeString(15, "future");
        });
        // Unknown fields inside Label and Sample too.
        byte[] oddLabel = WriteRequests.write(l -> {
            l.writeString(1, "zone");
            l.writeUInt64(7, 1);
            l.writeString(2, "eu-1");
        });
        byte[] oddSample = WriteRequests.write(s -> {
            s.writeInt64(2, T0 + 5);
            s.writeString(9, "ignored");
            s.writeDouble(1, 9.25);
        });
        byte[] seriesBytes = WriteRequests.seriesBytes(new WriteRequests.Series(List.of(label("__name__", name)), List.of(sample(1.25, T0)), seriesExtra));
        byte[] extraSeriesParts = WriteRequests.write(out -> {
            out.writeByteArray(1, oddLabel);
            out.writeByteArray(2, oddSample);
        });
        byte[] combined = concat(seriesBytes, extraSeriesParts);
        byte[] request = concat(WriteRequests.write(out -> out.writeByteArray(1, combined)), requestExtra);
        Reply reply = write(snappy(request));
        assertEquals(204, reply.status(), () -> "body: " + reply.body());
        SeriesSamples stored = awaitStored(name, 2).get(0);
        assertEquals(Map.of("zone", "eu-1"), stored.labels());
        assertArrayEquals(new long[] {T0, T0 + 5}, stored.timestampsMillis());
        assertArrayEquals(new double[] {1.25, 9.25}, stored.values());
    }

    @Test
    void invalidSeriesGet400WhileValidOnesAreStored() {
        String good = "promrw_partial_good";
        List<WriteRequests.Series> request = List.of(
                series(good, List.of(sample(1, T0), sample(2, T0 + 1000)), "job", "ok"),
                series("promrw_partial_badlabel", List.of(sample(1, T0)), "1bad", "x"),
                new WriteRequests.Series(List.of(label("job", "noname")), List.of(sample(1, T0))),
                series("promrw_partial_dup", List.of(sample(1, T0)), "job", "a", "job", "b"),
                series("promrw_partial_empty", List.of(sample(1, T0)), "job", ""),
                series("9promrw_partial_badname", List.of(sample(1, T0))),
                series(good, List.of(sample(3, T0 + 2000), sample(4, 0), sample(5, -5)), "job", "mixed"));
        Reply reply = write(body(request));
        JsonObject error = reply.error(400);
        String message = error.getString("message");
        assertTrue(message.contains("5 series and 7 sample(s) were refused") && message.contains("other 3 sample(s) were stored"),
                () -> "summary in: " + message);
        JsonArray details = error.getJsonArray("details");
        String all = details.encode();
        assertEquals(7, details.size(), () -> "one line per problem: " + all);
        for (String expected : new String[] {"label name \\\"1bad\\\" is not valid", "has no __name__ label", "label \\\"job\\\" appears more than once",
                "label \\\"job\\\" has an empty value", "metric name (__name__) \\\"9promrw_partial_badname\\\" is not valid",
                "sample 2 has timestamp 0 ms", "sample 3 has timestamp -5 ms"}) {
            assertTrue(all.contains(expected), () -> "'" + expected + "' in " + all);
        }
        assertTrue(all.contains("series 2 {__name__=\\\"promrw_partial_badlabel\\\", 1bad=\\\"x\\\"}"), () -> "series named: " + all);

        List<SeriesSamples> stored = awaitStored(good, 3);
        assertArrayEquals(new double[] {1, 2}, only(stored, "job", "ok").values());
        assertArrayEquals(new double[] {3}, only(stored, "job", "mixed").values());
        assertNothingStored("promrw_partial_badlabel", "promrw_partial_dup", "promrw_partial_empty", "9promrw_partial_badname");
    }

    @Test
    void missingOrWrongHeadersAreRefusedNamingTheHeader() {
        String name = "promrw_headers";
        byte[] body = body(List.of(series(name, List.of(sample(1, T0)), "job", "h")));
        record Case(int status, String header, String[] headers) {
        }
        List<Case> cases = List.of(
                new Case(400, "Content-Encoding", new String[] {"Content-Type", "application/x-protobuf", "X-Prometheus-Remote-Write-Version", "0.1.0"}),
                new Case(415, "Content-Encoding", new String[] {"Content-Encoding", "zstd", "Content-Type", "application/x-protobuf",
                        "X-Prometheus-Remote-Write-Version", "0.1.0"}),
                new Case(400, "Content-Type", new String[] {"Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "0.1.0"}),
                new Case(415, "Content-Type", new String[] {"Content-Encoding", "snappy", "Content-Type", "application/json",
                        "X-Prometheus-Remote-Write-Version", "0.1.0"}),
                new Case(415, "Content-Type", new String[] {"Content-Encoding", "snappy", "Content-Type",
                        "application/x-protobuf;proto=io.prometheus.write.v2.Request", "X-Prometheus-Remote-Write-Version", "2.0.0"}),
                new Case(400, "X-Prometheus-Remote-Write-Version", new String[] {"Content-Encoding", "snappy", "Content-Type", "application/x-protobuf"}),
                new Case(415, "X-Prometheus-Remote-Write-Version", new String[] {"Content-Encoding", "snappy", "Content-Type", "application/x-protobuf",
                        "X-Prometheus-Remote-Write-Version", "2.0.0"}));
        for (Case c : cases) {
            // Fresh connections and reused ones alike.
            for (HttpClient client : List.of(newClient(), http)) {
                Reply reply = post(client, "/api/v1/write", body, c.headers());
                String message = reply.error(c.status()).getString("message");
                assertTrue(message.contains(c.header()), () -> "message names " + c.header() + ": " + message);
            }
        }
        // Lenient where real senders differ: parameters and case of Content-Type, any 0.1.x version.
        assertEquals(204, post(http, "/api/v1/write", body, "Content-Encoding", "SNAPPY", "Content-Type",
                "application/x-protobuf; proto=prometheus.WriteRequest", "X-Prometheus-Remote-Write-Version", "0.1.2").status());
        awaitStored(name, 1);
    }

    @Test
    void malformedBodiesAreRefusedAndNothingIsStored() {
        String name = "promrw_malformed";
        byte[] valid = protobuf(List.of(series(name, List.of(sample(1, T0), sample(2, T0 + 1)), "job", "m"),
                series(name, List.of(sample(3, T0)), "job", "n")));
        record Case(String what, byte[] body, int status, String expected) {
        }
        byte[] framed = concat(new byte[] {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'}, new byte[] {0x01, 0x05, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] snappyValid = snappy(valid);
        byte[] wrongWireType = WriteRequests.write(out -> out.writeUInt64(1, 5));
        byte[] badSampleWire = WriteRequests.write(out -> out.writeByteArray(1, WriteRequests.write(s -> {
            s.writeByteArray(1, WriteRequests.write(l -> {
                l.writeString(1, "__name__");
                l.writeString(2, name);
            }));
            s.writeByteArray(2, WriteRequests.write(x -> x.writeString(1, "not a double")));
        })));
        // Claims 66 MiB uncompressed (the limit is 8 x the 8 MiB body limit): refused before allocating.
        byte[] huge = new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x21, 0x00};
        List<Case> cases = List.of(
                new Case("empty body", new byte[0], 400, "empty"),
                new Case("not snappy", "this is plain text, not snappy".getBytes(StandardCharsets.UTF_8), 400, "snappy"),
                new Case("gzip instead of snappy", gzip(valid), 400, "snappy"),
                new Case("uncompressed protobuf", valid, 400, "snappy"),
                new Case("snappy framed format", framed, 400, "framed"),
                new Case("truncated snappy", Arrays.copyOf(snappyValid, snappyValid.length - 3), 400, "snappy"),
                new Case("truncated protobuf", snappy(Arrays.copyOf(valid, valid.length - 4)), 400, "protobuf"),
                new Case("garbage protobuf", snappy(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}), 400, "protobuf"),
                new Case("timeseries as varint", snappy(wrongWireType), 400, "wire type"),
                new Case("sample value as string", snappy(badSampleWire), 400, "Sample.value"),
                new Case("huge uncompressed size", huge, 413, "limit"));
        for (Case c : cases) {
            Reply reply = write(c.body());
            String message = reply.error(c.status()).getString("message");
            assertTrue(message.contains(c.expected()), () -> c.what() + ": message should mention '" + c.expected() + "': " + message);
            assertTrue(message.contains("nothing was stored"), () -> c.what() + ": " + message);
        }
        assertEquals(200, get("/health").status(), "server healthy after the corpus");
        assertNothingStored(name);
    }

    @Test
    void metricsCountAcceptedAndRejected() {
        String name = "promrw_meters";
        assertEquals(204, write(body(List.of(series(name, List.of(sample(1, T0), sample(2, T0 + 1)), "job", "x")))).status());
        write(new byte[] {1, 2, 3}).error(400);
        String metrics = get("/metrics").body();
        for (String expected : new String[] {"vigil_receiver_events_total{outcome=\"accepted\",protocol=\"prometheus_remote_write\"}",
                "vigil_receiver_rejected_total{protocol=\"prometheus_remote_write\",reason=\"bad_snappy\"}",
                "vigil_receiver_bytes_total{protocol=\"prometheus_remote_write\"}",
                "vigil_receiver_decode_seconds_count{protocol=\"prometheus_remote_write\"}"}) {
            assertTrue(metrics.contains(expected), () -> expected + " in /metrics");
        }
    }

    @Test
    void backPressureAnswers503WithRetryAfterThenRecoversWithNothingLost() throws Exception {
        String name = "promrw_backpressure";
        int perRequest = 110_000;
        int senders = 3;
        List<CompletableFuture<Integer>> accepted = new ArrayList<>();
        boolean[] saw503 = {false};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int s = 0; s < senders; s++) {
            int sender = s;
            accepted.add(CompletableFuture.supplyAsync(() -> {
                int ok = 0;
                // Each sender retries on 503 like Prometheus; 2 distinct batches each.
                for (int batch = 0; batch < 2; batch++) {
                    List<WriteRequests.Sample> samples = new ArrayList<>(perRequest);
                    long base = T0 + ((long) (sender * 2 + batch) * perRequest);
                    for (int i = 0; i < perRequest; i++) {
                        samples.add(sample(i, base + i));
                    }
                    byte[] body = body(List.of(series(name, samples, "sender", "s" + sender)));
                    while (true) {
                        Reply reply = post(http, "/api/v1/write", body, GOOD_HEADERS);
                        if (reply.status() == 204) {
                            ok += perRequest;
                            break;
                        }
                        reply.error(503);
                        assertEquals("1", reply.headers().firstValue("Retry-After").orElse(null), "Retry-After on 503");
                        synchronized (saw503) {
                            saw503[0] = true;
                        }
                        if (System.nanoTime() > deadline) {
                            fail("still overloaded after 60 s");
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                }
                return ok;
            }));
        }
        int total = 0;
        for (CompletableFuture<Integer> future : accepted) {
            total += future.get(90, TimeUnit.SECONDS);
        }
        assertEquals(senders * 2 * perRequest, total);
        assertTrue(saw503[0], "3 concurrent senders of 110k samples should have met the 100k index-lag limit at least once");
        awaitStored(name, total);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String enc(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }
}
