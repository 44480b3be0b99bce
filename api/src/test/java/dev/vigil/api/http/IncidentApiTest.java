package dev.vigil.api.http;

import static dev.vigil.api.http.TestServer.array;
import static dev.vigil.api.http.TestServer.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * Incidents through the real HTTP server over the checked-in samples: opening one over the
 * payments-db-pool window names the payments v2.14.0 deploy, and it can be fetched, listed,
 * re-analysed and resolved; bad input and unknown or malicious ids get JSON errors; and after the
 * node is stopped and started again on the same data directory the incident is still there,
 * unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IncidentApiTest {
    /** The checked-in samples, relative to the api module (surefire's working directory). */
    private static final Path SAMPLES = TestServer.SAMPLES;

    private Path dataDir;
    private TestServer server;
    private JsonObject window;
    private String openedId;
    private JsonObject beforeRestart;

    @BeforeAll
    void startAndLoadSamples(@TempDir Path temp) throws Exception {
        dataDir = temp.resolve("data");
        server = TestServer.start(dataDir);
        server.ingestSamples();
        window = new JsonObject(Files.readString(SAMPLES.resolve("incidents/payments-db-pool.json"))).getJsonObject("window");
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void openingOverThePaymentsWindowNamesTheDeployAsTopCause() {
        JsonObject request = new JsonObject().put("from", window.getString("from")).put("to", window.getString("to"))
                .put("title", "checkout failing");
        TestServer.Reply reply = server.post("/api/v1/incidents", "application/json", request.encode());
        assertEquals(201, reply.status(), reply::text);
        JsonObject incident = reply.json();
        openedId = incident.getString("id");
        assertTrue(openedId.matches("[0-9]{8}-[0-9a-z]{6}"), openedId);
        assertEquals("/api/v1/incidents/" + openedId, reply.headers().firstValue("Location").orElse(null));
        assertEquals("checkout failing", incident.getString("title"));
        assertEquals("open", incident.getString("status"));
        assertNull(incident.getValue("service"));
        assertEquals("manual", incident.getJsonObject("origin").getString("type"));
        assertEquals(window, incident.getJsonObject("window"));

        JsonObject top = incident.getJsonObject("top_cause");
        String context = incident.encodePrettily();
        assertEquals("change", top.getString("kind"), context);
        assertEquals("payments", top.getString("service"), context);
        assertTrue(top.getString("subject").contains("v2.14.0"), context);
        // The stored analysis reads like POST /api/v1/rca over the same window.
        JsonObject rca = incident.getJsonObject("rca");
        JsonObject direct = server.post("/api/v1/rca", "application/json",
                new JsonObject().put("from", window.getString("from")).put("to", window.getString("to")).encode()).ok();
        assertEquals(direct.fieldNames(), rca.fieldNames());
        assertEquals(subjects(direct), subjects(rca));
        assertEquals(top.getString("subject"), array(rca, "candidates").getJsonObject(0).getString("subject"));

        // The timeline: in time order, the deploy before the window's symptoms, the analysis and the opening.
        JsonArray timeline = array(incident, "timeline");
        String previous = "";
        int deploy = -1;
        int firstPaymentsSignal = -1;
        for (int i = 0; i < timeline.size(); i++) {
            JsonObject entry = timeline.getJsonObject(i);
            assertTrue(entry.getString("at").compareTo(previous) >= 0, "timeline out of order at " + i + ": " + context);
            previous = entry.getString("at");
            if (entry.getString("type").equals("change") && entry.getString("summary").contains("payments v2.14.0")) {
                deploy = i;
            }
            if (entry.getString("type").equals("signal") && "payments".equals(entry.getString("service")) && firstPaymentsSignal < 0) {
                firstPaymentsSignal = i;
            }
        }
        assertTrue(deploy >= 0, "no payments v2.14.0 change in the timeline: " + context);
        assertTrue(firstPaymentsSignal > deploy, "payments' signals start after its deploy: " + context);
        assertTrue(types(timeline).containsAll(List.of("window", "change", "signal", "analysis", "status")), context);

        // GET by the Location gives the same document.
        assertEquals(incident, server.get("/api/v1/incidents/" + openedId).ok());
    }

    @Test
    @Order(2)
    void listsPagesReanalysesAndResolves() {
        JsonObject second = server.post("/api/v1/incidents", "application/json", new JsonObject().put("from", window.getString("from"))
                .put("to", window.getString("to")).put("service", "checkout").encode()).json();
        String secondId = second.getString("id");
        assertEquals("checkout", second.getString("service"));

        JsonObject all = server.get("/api/v1/incidents").ok();
        assertEquals(2, all.getInteger("total"));
        JsonArray incidents = array(all, "incidents");
        assertEquals(List.of(secondId, openedId), ids(incidents), "newest first");
        assertFalse(incidents.getJsonObject(0).containsKey("rca"), "lists leave the analysis out");
        assertFalse(incidents.getJsonObject(0).containsKey("timeline"), "lists leave the timeline out");
        assertEquals("change", incidents.getJsonObject(1).getJsonObject("top_cause").getString("kind"));
        assertEquals(List.of(openedId), ids(array(server.get("/api/v1/incidents?limit=1&offset=1").ok(), "incidents")));
        assertEquals(List.of(secondId), ids(array(server.get("/api/v1/incidents?service=checkout").ok(), "incidents")));
        assertEquals(List.of(secondId, openedId), ids(array(server.get("/api/v1/incidents?from=" + enc("2026-11-02T11:00:00Z")
                + "&to=" + enc("2026-11-02T12:00:00Z")).ok(), "incidents")));
        assertEquals(List.of(), ids(array(server.get("/api/v1/incidents?from=" + enc("2026-11-02T12:00:00Z")
                + "&to=" + enc("2026-11-02T13:00:00Z")).ok(), "incidents")));

        JsonObject reanalysed = server.post("/api/v1/incidents/" + secondId + "/reanalyze", null, new byte[0]).ok();
        assertEquals(2, types(array(reanalysed, "timeline")).stream().filter("analysis"::equals).count(), reanalysed::encodePrettily);

        JsonObject resolved = server.post("/api/v1/incidents/" + secondId + "/resolve", "application/json",
                new JsonObject().put("note", "rolled back to v2.13.2").encode()).ok();
        assertEquals("resolved", resolved.getString("status"));
        assertTrue(resolved.getString("resolved_at") != null);
        JsonArray timeline = array(resolved, "timeline");
        assertEquals("resolved: rolled back to v2.13.2", timeline.getJsonObject(timeline.size() - 1).getString("summary"));
        server.post("/api/v1/incidents/" + secondId + "/resolve", null, new byte[0]).error(409);

        assertEquals(List.of(openedId), ids(array(server.get("/api/v1/incidents?status=open").ok(), "incidents")));
        assertEquals(List.of(secondId), ids(array(server.get("/api/v1/incidents?status=resolved").ok(), "incidents")));
    }

    @Test
    @Order(3)
    void badInputAndUnknownOrMaliciousIdsGetJsonErrors() {
        assertNames(server.post("/api/v1/incidents", "application/json", "{\"to\":\"2026-11-02T11:05:00Z\"}").error(400), "'from'");
        assertNames(server.post("/api/v1/incidents", "application/json",
                "{\"from\":\"2026-11-02T11:05:00Z\",\"to\":\"2026-11-02T10:05:00Z\"}").error(400), "'to'");
        assertNames(server.post("/api/v1/incidents", "application/json",
                "{\"from\":\"yesterday\",\"to\":\"2026-11-02T10:05:00Z\"}").error(400), "'from'");
        assertNames(server.post("/api/v1/incidents", "application/json",
                "{\"from\":\"2026-11-02T10:40:00Z\",\"to\":\"2026-11-02T11:05:00Z\",\"service\":7}").error(400), "'service'");
        assertNames(server.post("/api/v1/incidents", "application/json",
                "{\"from\":\"2026-11-01T10:40:00Z\",\"to\":\"2026-11-02T11:05:00Z\"}").error(400), "'to'");
        server.post("/api/v1/incidents", "application/json", "{\"from\":").error(400);
        server.post("/api/v1/incidents", "application/json", "[1,2]").error(400);
        server.post("/api/v1/incidents", "application/json", new byte[0]).error(400);
        assertNames(server.get("/api/v1/incidents?status=closed").error(400), "'status'");
        assertNames(server.get("/api/v1/incidents?limit=0").error(400), "'limit'");
        assertNames(server.get("/api/v1/incidents?offset=-1").error(400), "'offset'");

        assertEquals("not_found", server.get("/api/v1/incidents/20261102-zzzzzz").error(404).getString("code"));
        server.post("/api/v1/incidents/20261102-zzzzzz/resolve", null, new byte[0]).error(404);
        server.post("/api/v1/incidents/20261102-zzzzzz/reanalyze", null, new byte[0]).error(404);
        for (String id : List.of("..%2F..%2Fetc%2Fpasswd", "..%2F" + openedId, openedId.toUpperCase(), openedId + ".json", "x")) {
            assertNames(server.get("/api/v1/incidents/" + id).error(400), "'id'");
            assertNames(server.post("/api/v1/incidents/" + id + "/resolve", null, new byte[0]).error(400), "'id'");
        }
        // A dot-segment path is normalised by the router and reaches no incident route.
        server.get("/api/v1/incidents/../../etc/passwd").error(404);
        assertEquals(2, server.get("/api/v1/incidents").ok().getInteger("total"), "no bad request created an incident");
    }

    @Test
    @Order(4)
    void incidentsSurviveARestartOnTheSameDataDirectory() throws Exception {
        beforeRestart = server.get("/api/v1/incidents/" + openedId).ok();
        JsonObject listBefore = server.get("/api/v1/incidents").ok();
        try (Stream<Path> files = Files.list(dataDir.resolve("incidents"))) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().endsWith(".json")).count());
        }
        server.close();
        server = null;
        server = TestServer.start(dataDir);
        assertEquals(beforeRestart, server.get("/api/v1/incidents/" + openedId).ok());
        assertEquals(listBefore, server.get("/api/v1/incidents").ok());
        // Still writable after the restart.
        assertEquals("resolved", server.post("/api/v1/incidents/" + openedId + "/resolve", null, new byte[0]).ok().getString("status"));
    }

    private static void assertNames(JsonObject error, String field) {
        assertTrue(error.getString("message").contains(field), () -> "the message should name " + field + ": " + error);
    }

    private static List<String> ids(JsonArray incidents) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            ids.add(incidents.getJsonObject(i).getString("id"));
        }
        return ids;
    }

    private static List<String> types(JsonArray timeline) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) {
            types.add(timeline.getJsonObject(i).getString("type"));
        }
        return types;
    }

    private static List<String> subjects(JsonObject rca) {
        List<String> subjects = new ArrayList<>();
        JsonArray candidates = array(rca, "candidates");
        for (int i = 0; i < candidates.size(); i++) {
            subjects.add(candidates.getJsonObject(i).getString("kind") + " " + candidates.getJsonObject(i).getString("subject"));
        }
        return subjects;
    }
}
