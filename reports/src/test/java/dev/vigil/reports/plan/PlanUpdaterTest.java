package dev.vigil.reports.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.TemplateMiner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.RootCauseAnalyzer;
import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.AlertState;
import dev.vigil.rca.changes.ChangeIntelligence;
import dev.vigil.rca.incidents.Incident;
import dev.vigil.rca.incidents.IncidentService;
import dev.vigil.rca.incidents.IncidentStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan file through a sequence of deploy, migration, alert and incident events on a real
 * pipeline (journal and Lucene index in a temporary directory) and a real incident service, with
 * a person's text before, between and after Vigil's sections and a to-do ticked by hand.
 */
class PlanUpdaterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_780_315_200L * SECOND; // 2026-06-01T12:00:00Z
    private static final String BEFORE = "# Shop platform plan\n\nOwned by the platform team. **Q3 goal:** move orders to Postgres 16.\n\n";
    private static final String BETWEEN = "\n> Note from Ana: the ledger freeze ends on Friday.\n\n";
    private static final String AFTER = "\n## Our decisions\n\n- 2026-05-20: keep rolling deploys for orders.\n";

    @TempDir
    Path dir;
    private EventPipeline pipeline;
    private IncidentService incidents;
    private PlanUpdater updater;
    private final AtomicReference<List<Alert>> alerts = new AtomicReference<>(List.of());
    private long lastJournalIndex;

    @BeforeEach
    void open() throws Exception {
        pipeline = EventPipeline.open(PipelineConfig.defaults(dir.resolve("data")));
        incidents = IncidentService.create(IncidentStore.inMemory(), pipeline, new RootCauseAnalyzer(pipeline), result -> "{}", null);
        PlanFactsCollector collector = new PlanFactsCollector(pipeline, alerts::get, incidents, new ChangeIntelligence(pipeline, new TemplateMiner()),
                Clock.systemUTC());
        updater = new PlanUpdater(dir.resolve("repo/docs/SYSTEM_PLAN.md"), collector, Duration.ofMillis(50));
        Random random = new Random(7);
        List<LogEvent> logs = new ArrayList<>();
        for (long t = T0 - 60 * 60 * SECOND; t < T0; t += 2 * SECOND) {
            logs.add(access(t, "orders", "orders-" + (1 + t / SECOND / 2 % 2), "POST", "/orders", 40 * Math.exp(0.2 * random.nextGaussian()), 200));
            logs.add(access(t + 1, "ledger", "ledger-1", "GET", "/ledger", 15 * Math.exp(0.2 * random.nextGaussian()), 200));
        }
        append(EventKind.LOG, logs);
        append(EventKind.CHANGE, List.of(change(T0 - 50 * 60 * SECOND, ChangeType.DEPLOY, "orders", "v1.4.0", "orders-release#41")));
    }

    @AfterEach
    void close() throws Exception {
        updater.close();
        pipeline.close();
    }

    @Test
    void sequenceOfEventsKeepsThePlanCurrentAndThePersonsTextExact() throws Exception {
        PlanUpdater.Update first = updater.refresh("first update");
        String text = first.text();
        for (String heading : List.of("## System health dashboard", "## Blockers", "## API services", "## Data stores",
                "## Deployment and DevOps", "## Monitoring and observability", "## Security", "## Infrastructure inventory", "## Change log")) {
            assertTrue(text.contains(heading), () -> "missing " + heading + " in\n" + text);
        }
        assertTrue(text.contains("### orders — ✅ Operational"), text);
        assertTrue(text.contains("**version** v1.4.0"), text);
        assertTrue(text.contains("| orders | API services | ✅ Operational | v1.4.0 |"), text);
        assertTrue(text.contains("### orders-release — ✅ Operational"), "the deploy pipeline is a deployment component\n" + text);
        assertTrue(text.contains("| orders | API services | orders-1, orders-2 | v1.4.0 |"), "inventory row\n" + text);
        assertTrue(text.contains("Plan created with"), text);

        // A person writes around Vigil's sections.
        String edited = BEFORE + text.replace("<!-- vigil:begin blockers -->", BETWEEN + "<!-- vigil:begin blockers -->") + AFTER;
        Files.writeString(updater.file(), edited);
        String person = PlanDocument.parse(edited).personText();

        // Migration.
        append(EventKind.CHANGE, List.of(new ChangeEvent(T0 - 20 * 60 * SECOND, ChangeType.MIGRATION, "orders", "20260601_add_order_index",
                "production", null, ChangeStatus.SUCCEEDED, "Add index on orders(created_at)", Map.of())));
        String afterMigration = updater.refresh("migration").text();
        assertTrue(afterMigration.contains("`20260601_add_order_index` 2026-06-01 11:40 UTC: Add index on orders(created_at)"), afterMigration);
        assertTrue(afterMigration.contains("**orders**: migration applied: `20260601_add_order_index`"), afterMigration);
        assertPersonTextKept(person, afterMigration);

        // An SLO alert fires on orders: a to-do, the component degraded.
        Instant fired = Timestamps.toInstant(T0 - 5 * 60 * SECOND);
        alerts.set(List.of(alert("orders-availability", AlertState.FIRING, fired, null)));
        String firing = updater.refresh("alert").text();
        String alertLine = line(firing, "SLA breach: **OrdersErrorBudget**");
        assertTrue(alertLine.startsWith("- [ ] "), alertLine);
        assertTrue(firing.contains("### orders — 🟡 Degraded"), firing);
        assertTrue(firing.contains("New issue: SLA breach"), firing);

        // The person ticks it by hand: the tick survives the next update while the alert still fires.
        Files.writeString(updater.file(), firing.replace(alertLine, alertLine.replace("- [ ] ", "- [x] ")));
        String ticked = updater.refresh("check").text();
        assertTrue(line(ticked, "SLA breach: **OrdersErrorBudget**").startsWith("- [x] "), ticked);
        assertPersonTextKept(person, ticked);

        // An incident opens on orders (a blocker), then a deploy completes.
        Incident incident = incidents.open(new TimeRange(T0 - 10 * 60 * SECOND, T0), "orders", "Orders checkout slow");
        String withIncident = updater.refresh("incident opened").text();
        String incidentLine = line(withIncident, "Incident " + incident.id());
        assertTrue(incidentLine.startsWith("- [ ] "), incidentLine);
        assertTrue(section(withIncident, "blockers").contains("Incident " + incident.id()), withIncident);

        append(EventKind.CHANGE, List.of(change(T0 - 2 * 60 * SECOND, ChangeType.DEPLOY, "orders", "v1.5.0", "orders-release#42")));
        String deployed = updater.refresh("deploy").text();
        assertTrue(deployed.contains("**orders**: version v1.4.0 → v1.5.0"), deployed);
        assertTrue(deployed.contains("| orders | API services | orders-1, orders-2 | v1.4.0 → v1.5.0 |"), deployed);

        // The alert resolves and the incident closes: both are ticked off by Vigil.
        alerts.set(List.of(alert("orders-availability", AlertState.RESOLVED, fired, Timestamps.toInstant(T0))));
        incidents.resolve(incident.id(), "index added");
        String resolved = updater.refresh("incident closed").text();
        String resolvedAlert = line(resolved, "SLA breach: **OrdersErrorBudget**");
        assertTrue(resolvedAlert.startsWith("- [x] ") && resolvedAlert.contains(" — resolved 2026-06-01 12:00 UTC"), resolvedAlert);
        String resolvedIncident = line(resolved, "Incident " + incident.id());
        assertTrue(resolvedIncident.startsWith("- [x] ") && resolvedIncident.contains(" — resolved "), resolvedIncident);
        assertTrue(section(resolved, "blockers").startsWith("## Blockers\n\nNone"), section(resolved, "blockers"));
        assertTrue(resolved.contains("### orders — ✅ Operational"), resolved);
        assertTrue(resolved.contains("Resolved: Incident " + incident.id()), resolved);
        assertPersonTextKept(person, resolved);
        assertTrue(resolved.startsWith(BEFORE) && resolved.endsWith(AFTER), "text before and after the sections, byte for byte");

        assertTablesWellFormed(resolved);
        // Kept for people to look at (docs/reports.md shows an excerpt).
        Path copy = Path.of("target/plan-sample/SYSTEM_PLAN-sequence.md");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, resolved);

        // The change log grew with one dated entry per update that changed something, newest first.
        List<String> entries = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^### (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC) — (.*)$").matcher(section(resolved, "changelog"));
        while (m.find()) {
            entries.add(m.group(2));
        }
        assertEquals(List.of("incident closed", "deploy", "incident opened", "alert", "migration", "first update"), entries);
    }

    @Test
    void periodicCheckWritesOnlyOnTransitionsAndRequestsAreDebounced() throws Exception {
        updater.refresh("first update");
        long written = updater.updates();
        String before = updater.read();
        updater.start(Duration.ofMillis(20), () -> true);
        for (int i = 0; i < 5; i++) {
            updater.requestUpdate("incident opened");
        }
        updater.awaitIdle();
        assertEquals(written + 1, updater.updates(), "five requests in a burst make one update");
        String afterRequests = updater.read();
        assertTrue(afterRequests.contains(" — incident opened\n") || afterRequests.equals(before.replaceAll("x", "x")),
                "a requested update with nothing new still rewrites the figures");

        // A deploy completes: the periodic check notices the version change and names it.
        append(EventKind.CHANGE, List.of(change(T0 - 60 * SECOND, ChangeType.DEPLOY, "ledger", "v9.1.0", null)));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!updater.read().contains("**ledger**: version — → v9.1.0") && System.nanoTime() < deadline) {
            updater.awaitIdle();
        }
        String after = updater.read();
        assertTrue(after.contains("**ledger**: version — → v9.1.0"), after);
        assertTrue(after.contains(" — deploy\n"), "the check titles its entry by the transition\n" + after);
    }

    @Test
    void aDegradedDeployIsABlockerUntilARollbackReplacesIt() throws Exception {
        long deployAt = T0 - 30 * 60 * SECOND;
        List<LogEvent> failures = new ArrayList<>();
        for (long t = deployAt + SECOND; t < T0; t += 4 * SECOND) {
            failures.add(access(t, "ledger", "ledger-1", "GET", "/ledger", 900, 500));
        }
        append(EventKind.LOG, failures);
        append(EventKind.CHANGE, List.of(change(deployAt, ChangeType.DEPLOY, "ledger", "v2.0.0", "ledger-release#7")));
        String degraded = updater.refresh("deploy").text();
        String deployLine = line(degraded, "Deploy of ledger v2.0.0");
        assertTrue(deployLine.startsWith("- [ ] ") && deployLine.contains("degraded the service (before: "), deployLine);
        assertTrue(section(degraded, "blockers").contains("Deploy of ledger v2.0.0"), section(degraded, "blockers"));
        assertTrue(degraded.contains("### ledger — 🔴 Down") || degraded.contains("### ledger — 🟡 Degraded"), degraded);

        append(EventKind.CHANGE, List.of(change(T0 - 60 * SECOND, ChangeType.ROLLBACK, "ledger", "v1.9.3", null)));
        String rolledBack = updater.refresh("rollback").text();
        String resolved = line(rolledBack, "Deploy of ledger v2.0.0");
        assertTrue(resolved.startsWith("- [x] ") && resolved.contains("Then rolled back to v1.9.3. — resolved 2026-06-01 11:59 UTC"), resolved);
        assertTrue(section(rolledBack, "blockers").contains("None"), section(rolledBack, "blockers"));
    }

    /** Every row of a Markdown table has as many cells as its header (a stray '|' would shift them). */
    static void assertTablesWellFormed(String text) {
        int columns = -1;
        for (String line : text.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int cells = line.replace("\\|", "").split("\\|", -1).length - 2;
            if (columns < 0) {
                columns = cells;
            }
            assertEquals(columns, cells, "cells in: " + line);
        }
    }

    private static void assertPersonTextKept(String person, String text) {
        assertEquals(person, PlanDocument.parse(text).personText(), "text outside the markers changed");
    }

    private static String line(String text, String containing) {
        for (String line : text.split("\n")) {
            if (line.contains(containing) && line.startsWith("- [")) {
                return line;
            }
        }
        throw new AssertionError("no to-do line with '" + containing + "' in\n" + text);
    }

    private static String section(String text, String id) {
        return PlanDocument.parse(text).sections().get(id);
    }

    private void append(EventKind kind, List<? extends dev.vigil.ingest.model.Event> events) {
        lastJournalIndex = pipeline.append(kind, events).join();
        pipeline.awaitSearchable(lastJournalIndex).join();
    }

    private static LogEvent access(long t, String service, String host, String method, String route, double ms, int status) {
        return new LogEvent(t, service, host, status >= 500 ? Level.ERROR : Level.INFO, method + " " + route + " " + status,
                Map.of("route", route, "method", method, "status", Integer.toString(status), "duration_ms", String.format(Locale.ROOT, "%.1f", ms)));
    }

    private static ChangeEvent change(long at, ChangeType type, String service, String version, String pipelineRun) {
        return new ChangeEvent(at, type, service, version, "production", "rolling", ChangeStatus.SUCCEEDED, "Release " + service + " " + version,
                pipelineRun == null ? Map.of() : Map.of("pipeline", pipelineRun));
    }

    private static Alert alert(String rule, AlertState state, Instant firedAt, Instant resolvedAt) {
        return new Alert("f00d" + rule.length(), rule, Map.of("alertname", "OrdersErrorBudget", "service", "orders", "slo", "orders-availability",
                "severity", "page"), Map.of("summary", "orders burns its 30-day error budget 14x too fast"), state, 14.2,
                firedAt, firedAt, resolvedAt, resolvedAt == null ? firedAt : resolvedAt, false, List.of());
    }
}
