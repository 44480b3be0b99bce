package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change verdicts on the checked-in samples, imported over HTTP into a real node: the payments
 * v2.14.0 deploy that leaked the connection pool is degraded with a rollback recommended, the
 * search v5.2.0 deploy is healthy, and the payments rollback undoes the deploy and recovers.
 */
@Timeout(value = 180, unit = java.util.concurrent.TimeUnit.SECONDS)
class ChangesSamplesTest {
    /** The checked-in samples, relative to the api module (surefire's working directory). */
    private static final Path SAMPLES = TestServer.SAMPLES;
    private static final String WINDOW = "from=2026-11-02T10:00:00Z&to=2026-11-02T12:00:00Z";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void loadSamples() throws Exception {
        assertTrue(Files.isDirectory(SAMPLES.resolve("incidents")), "no samples at " + SAMPLES);
        server = TestServer.start(dir);
        server.ingestSamples();
    }

    @AfterAll
    static void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static JsonObject change(String service, String type) {
        JsonArray changes = TestServer.array(server.get("/api/v1/changes?" + WINDOW + "&service=" + service + "&type=" + type).ok(), "changes");
        assertEquals(1, changes.size(), () -> service + " " + type + ": " + changes.encodePrettily());
        return changes.getJsonObject(0);
    }

    private static JsonObject verdict(JsonObject change) {
        JsonObject verdict = server.get("/api/v1/changes/" + change.getString("id") + "/verdict").ok();
        System.out.println(verdict.encodePrettily());
        return verdict;
    }

    @Test
    void listsEveryChangeInOrderWithStableIds() {
        JsonArray changes = TestServer.array(server.get("/api/v1/changes?" + WINDOW).ok(), "changes");
        assertEquals(5, changes.size(), changes::encodePrettily);
        List<String> types = changes.stream().map(c -> ((JsonObject) c).getString("type")).toList();
        assertEquals(List.of("deploy", "feature_flag", "deploy", "rollback", "config_change"), types);
        JsonObject first = changes.getJsonObject(0);
        // 2026-11-02T10:08:00Z in epoch nanoseconds, then the digest of "search\ndeploy\nv5.2.0".
        assertTrue(first.getString("id").startsWith("1793614080000000000-"), first::encode);
        assertEquals(first, server.get("/api/v1/changes/" + first.getString("id")).ok());
    }

    @Test
    void paymentsDeployIsDegradedAndRollbackIsRecommended() {
        JsonObject deploy = change("payments", "deploy");
        assertEquals("v2.14.0", deploy.getString("version"));
        JsonObject verdict = verdict(deploy);
        assertEquals("degraded", verdict.getString("verdict"), verdict::encodePrettily);
        assertEquals("before_after", verdict.getJsonObject("plan").getString("mode"));
        JsonObject recommendation = verdict.getJsonObject("recommendation");
        assertEquals(Boolean.TRUE, recommendation.getBoolean("rollback"));
        assertEquals("v2.13.2", recommendation.getString("target"), recommendation::encode);
        assertFalse(recommendation.getString("reason").isBlank());
        JsonObject errors = verdict.getJsonObject("tests").getJsonObject("error_rate");
        assertTrue(errors.getBoolean("degraded"), errors::encode);
        assertTrue(errors.getDouble("adjusted_p_value") < 1e-3, errors::encode);
        assertTrue(verdict.getJsonObject("new").getDouble("error_rate") > 0.2, verdict::encode);
        assertTrue(verdict.getJsonObject("tests").getJsonObject("latency").getBoolean("degraded"), verdict::encode);
        assertEquals(change("payments", "rollback").getString("id"), deploy.getString("rolled_back_by"));
    }

    @Test
    void searchDeployIsHealthy() {
        JsonObject verdict = verdict(change("search", "deploy"));
        assertEquals("healthy", verdict.getString("verdict"), verdict::encodePrettily);
        assertEquals(Boolean.FALSE, verdict.getJsonObject("recommendation").getBoolean("rollback"));
        assertTrue(verdict.getJsonObject("new").getLong("requests") >= 30, verdict::encode);
    }

    @Test
    void paymentsRollbackUndoesTheDeployAndRecovers() {
        JsonObject rollback = change("payments", "rollback");
        JsonObject deploy = change("payments", "deploy");
        assertEquals(deploy.getString("id"), rollback.getString("undoes"));
        JsonObject verdict = verdict(rollback);
        assertEquals("healthy", verdict.getString("verdict"), verdict::encodePrettily);
        assertTrue(verdict.getJsonObject("tests").getJsonObject("error_rate").getBoolean("improved"), verdict::encode);
        JsonObject recovery = verdict.getJsonObject("recovery");
        assertNotNull(recovery, verdict::encodePrettily);
        assertEquals(deploy.getString("id"), recovery.getString("undoes"));
        assertEquals(Boolean.TRUE, recovery.getBoolean("recovered"), recovery::encodePrettily);
        assertEquals("healthy", recovery.getString("verdict"));
    }
}
