package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bottlenecks on the sample shop's incidents, through the real server with the checked-in samples
 * posted as a shipper would: for each incident window the costliest endpoint belongs to the
 * service its ground truth names, and the endpoint's first linked resource is the one the ground
 * truth names (a metric root cause's metric, or, for a change, the resource metric its symptoms
 * describe on that service).
 */
@Timeout(value = 180, unit = java.util.concurrent.TimeUnit.SECONDS)
class BottlenecksSamplesTest {
    /** The checked-in samples, relative to the api module (surefire's working directory). */
    private static final Path SAMPLES = Path.of("../samples/data").toAbsolutePath().normalize();

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void loadSamples() throws Exception {
        assertTrue(Files.isDirectory(SAMPLES.resolve("incidents")), "no samples at " + SAMPLES);
        server = TestServer.start(dir);
        for (String[] file : new String[][] {{"logs.ndjson", "logs"}, {"metrics.ndjson", "metrics"}, {"events.ndjson", "events"},
                {"spans.ndjson", "spans"}}) {
            List<String> lines = Files.readAllLines(SAMPLES.resolve(file[0])).stream().filter(l -> !l.isBlank()).toList();
            server.ingest("/api/v1/" + file[1], lines);
        }
    }

    @AfterAll
    static void close() throws IOException {
        if (server != null) {
            server.close();
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
    void costliestEndpointAndItsResourceAreTheGroundTruths(Path incidentFile) throws Exception {
        JsonObject incident = new JsonObject(Files.readString(incidentFile));
        JsonObject window = incident.getJsonObject("window");
        JsonObject truth = incident.getJsonObject("root_cause");
        String service = truth.getString("service");
        String symptoms = incident.getJsonArray("symptoms").encode();

        JsonObject body = server.get("/api/v1/bottlenecks?from=" + TestServer.enc(window.getString("from"))
                + "&to=" + TestServer.enc(window.getString("to"))).ok();
        JsonArray endpoints = TestServer.array(body, "endpoints");
        String summary = describe(endpoints);
        System.out.printf(Locale.ROOT, "%s: bottlenecks in %.0f ms%n%s", incident.getString("id"), body.getDouble("took_ms"), summary);
        assertFalse(endpoints.isEmpty(), "no endpoints: " + body.encodePrettily());

        JsonObject top = endpoints.getJsonObject(0);
        JsonArray saturation = TestServer.array(top, "saturation");
        assertFalse(saturation.isEmpty(), "no saturation signal linked to the top endpoint: " + top.encodePrettily());
        JsonObject resource = saturation.getJsonObject(0);
        String metric = resource.getString("metric");
        String expected = incident.getString("id") + ": expected " + truth.encode() + "; got\n" + summary;
        assertAll(incident.getString("id"),
                () -> assertEquals(service, top.getString("service"), expected),
                () -> assertTrue(namedEndpointsRankFirst(incident, endpoints), expected),
                () -> assertEquals(service, resource.getString("service"), expected),
                () -> assertTrue(truth.getString("kind").equals("metric") ? metric.contains(truth.getString("subject_contains"))
                        : symptoms.contains(service + ": " + metric), expected),
                // The evidence: the resource moved with the latency and rose against the baseline.
                () -> assertTrue(resource.getDouble("score") > 0.5, expected),
                () -> assertTrue(top.getDouble("self_share") > 0.5, expected),
                () -> assertTrue(top.getJsonObject("change").getDouble("p95_ratio") > 5, expected),
                // The first resource overall is the same one.
                () -> assertEquals(metric, TestServer.array(body, "resources").getJsonObject(0).getString("metric"), expected));
    }

    /**
     * Whether every endpoint of the root-cause service that the symptoms name ("service: ... on
     * METHOD /route") ranks above every endpoint of another service.
     */
    private static boolean namedEndpointsRankFirst(JsonObject incident, JsonArray endpoints) {
        String service = incident.getJsonObject("root_cause").getString("service");
        java.util.Set<String> named = new java.util.TreeSet<>();
        java.util.regex.Pattern endpoint = java.util.regex.Pattern.compile("\\b(GET|POST|PUT|DELETE|PATCH) (/[\\w/.{}:-]*)");
        for (Object symptom : incident.getJsonArray("symptoms")) {
            String text = symptom.toString();
            if (text.startsWith(service + ": ")) {
                java.util.regex.Matcher m = endpoint.matcher(text);
                while (m.find()) {
                    named.add(m.group(1) + " " + m.group(2));
                }
            }
        }
        assertFalse(named.isEmpty(), "the symptoms name no endpoint of " + service);
        int firstOther = Integer.MAX_VALUE;
        int lastNamed = -1;
        for (int i = 0; i < endpoints.size(); i++) {
            JsonObject e = endpoints.getJsonObject(i);
            if (!e.getString("service").equals(service)) {
                firstOther = Math.min(firstOther, i);
            } else if (named.contains(e.getString("endpoint"))) {
                lastNamed = Math.max(lastNamed, i);
            }
        }
        return lastNamed >= 0 && lastNamed < firstOther;
    }

    private static String describe(JsonArray endpoints) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(4, endpoints.size()); i++) {
            JsonObject e = endpoints.getJsonObject(i);
            text.append(String.format(Locale.ROOT, "  #%d %-9s %-28s self %8.0f ms (%.2f) total %8.0f ms nested %s p95 %s -> %s ms%n",
                    e.getInteger("rank"), e.getString("service"), e.getString("endpoint"), e.getDouble("self_time_ms"),
                    e.getDouble("self_share"), e.getDouble("total_time_ms"), e.getValue("nested_share"),
                    e.getJsonObject("baseline").getValue("p95_ms"), e.getJsonObject("window").getValue("p95_ms")));
            for (Object o : e.getJsonArray("saturation")) {
                JsonObject s = (JsonObject) o;
                JsonObject lead = s.getJsonArray("signals").getJsonObject(0);
                text.append(String.format(Locale.ROOT, "       %-7s %-30s score %.2f (best signal %s r=%s sigmas=%s)%n",
                        s.getString("resource"), s.getString("metric"), s.getDouble("score"), lead.getString("metric"),
                        lead.getValue("correlation"), lead.getValue("change_sigmas")));
            }
        }
        return text.toString();
    }
}
