package dev.vigil.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
 * The plan over HTTP on the checked-in samples, imported into a real node whose {@code plan-file}
 * points into a "team repository" directory: the Markdown and JSON views, the degraded payments
 * deploy ticked off by its rollback, an incident that becomes a blocker and is checked off when
 * resolved, a person's text kept through refreshes, and bad input answered with a 400 naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = java.util.concurrent.TimeUnit.SECONDS)
class PlanApiTest {

    private TestServer server;
    private Path planFile;
    private String incidentId;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        planFile = temp.resolve("team-repo/docs/SYSTEM_PLAN.md");
        server = TestServer.start(temp.resolve("data"), "plan-file", planFile.toString());
        server.ingestSamples();
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void markdownDescribesTheSampleSystemAndIsWrittenToTheConfiguredFile() throws IOException {
        TestServer.Reply reply = server.get("/api/v1/plan");
        assertEquals(200, reply.status(), reply::text);
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        String plan = reply.text();
        assertEquals(Files.readString(planFile), plan, "the answer is the file at plan-file");
        for (String heading : List.of("# System implementation plan", "## System health dashboard", "## Blockers", "## API services",
                "## Data stores", "## Deployment and DevOps", "## Monitoring and observability", "## Security", "## Infrastructure inventory",
                "## Change log")) {
            assertTrue(plan.contains("\n" + heading + "\n") || plan.startsWith(heading + "\n"), () -> "missing " + heading + "\n" + plan);
        }
        assertTrue(plan.contains("**version** v5.2.0"), "search's deployed version\n" + plan);
        assertTrue(plan.contains("| payments | API services | payments-"), "payments in the inventory\n" + plan);
        assertTrue(plan.contains("v2.14.0 → v2.13.2"), "payments' versions seen, in order\n" + plan);
        assertTrue(plan.contains("### postgresql — "), "postgresql is a data store seen as a span peer\n" + plan);
        assertTrue(plan.contains("Used by checkout, payments"), plan);
        assertTrue(plan.contains("### payments-release — ✅ Operational"), "deploy pipeline from change attributes\n" + plan);
        assertTrue(plan.contains("### vigil — ✅ Operational"), plan);
        Path copy = Path.of("target/plan-sample/SYSTEM_PLAN.md");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, plan);
        // The degraded v2.14.0 deploy is a known issue that the rollback resolved.
        String deployLine = plan.lines().filter(l -> l.contains("Deploy of payments v2.14.0")).findFirst().orElse("");
        assertTrue(deployLine.startsWith("- [x] ") && deployLine.contains("Then rolled back to v2.13.2. — resolved 2026-11-02 11:02 UTC"), deployLine + "\n" + plan);
    }

    @Test
    @Order(2)
    void jsonIsAStructuredView() {
        JsonObject json = server.get("/api/v1/plan?format=json").ok();
        assertEquals(planFile.toAbsolutePath().toString(), json.getString("file"));
        JsonArray components = json.getJsonArray("components");
        JsonObject payments = find(components, "payments");
        assertEquals("api-services", payments.getString("group"));
        assertEquals("v2.13.2", payments.getString("version"));
        assertTrue(payments.getJsonObject("performance").getLong("requests") > 0, payments::encodePrettily);
        assertTrue(payments.getJsonArray("endpoints").size() > 0, payments::encodePrettily);
        assertEquals("data-stores", find(components, "postgresql").getString("group"));
        assertTrue(json.getJsonObject("inventory").getJsonObject("hosts").getJsonArray("payments").size() > 0, json::encodePrettily);
    }

    @Test
    @Order(3)
    void anIncidentIsABlockerUntilResolvedAndAPersonsTextSurvives() throws IOException {
        String person = "# Shop — system plan\n\nOur notes stay here.\n\n";
        Files.writeString(planFile, person + Files.readString(planFile) + "\n## Decisions\n\n- keep Postgres 15 until Q3\n");
        JsonObject request = new JsonObject().put("from", "2026-11-02T10:40:00Z").put("to", "2026-11-02T11:00:00Z")
                .put("service", "payments").put("title", "checkout failing");
        TestServer.Reply opened = server.post("/api/v1/incidents", "application/json", request.encode());
        assertEquals(201, opened.status(), opened::text);
        incidentId = opened.json().getString("id");

        JsonObject refreshed = server.post("/api/v1/plan/refresh", "application/json", "").ok();
        assertTrue(refreshed.getBoolean("written"));
        assertTrue(refreshed.getJsonArray("changes").encode().contains("New issue: Incident " + incidentId), refreshed::encodePrettily);
        String plan = Files.readString(planFile);
        assertTrue(plan.startsWith(person) && plan.endsWith("\n## Decisions\n\n- keep Postgres 15 until Q3\n"), plan);
        String blockers = plan.substring(plan.indexOf("## Blockers"), plan.indexOf("<!-- vigil:end blockers -->"));
        assertTrue(blockers.contains("Incident " + incidentId), blockers);

        assertEquals(200, server.post("/api/v1/incidents/" + incidentId + "/resolve", "application/json", "{}").status());
        server.post("/api/v1/plan/refresh", "application/json", "").ok();
        String after = server.get("/api/v1/plan").text();
        String line = after.lines().filter(l -> l.contains("Incident " + incidentId)).findFirst().orElse("");
        assertTrue(line.startsWith("- [x] ") && line.contains(" — resolved "), line);
        assertTrue(after.contains("Resolved: Incident " + incidentId), after);
        assertTrue(after.startsWith(person), "text before the sections kept");
    }

    @Test
    @Order(4)
    void anUnknownFormatIsA400NamingIt() {
        JsonObject error = server.get("/api/v1/plan?format=pdf").error(400);
        assertTrue(error.getString("message").contains("'format'"), error::encode);
        assertFalse(error.getString("message").isBlank());
    }

    private static JsonObject find(JsonArray components, String name) {
        for (int i = 0; i < components.size(); i++) {
            if (components.getJsonObject(i).getString("name").equals(name)) {
                return components.getJsonObject(i);
            }
        }
        throw new AssertionError("no component " + name + " in " + components.encodePrettily());
    }
}
