package dev.vigil.rca.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle, flap detection, silences, grouping and history of the engine, stepped with an
 * explicit clock over a scripted condition, with the engine's real files in a temporary directory.
 */
class AlertEngineTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Duration TICK = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ScriptedChecker checker = new ScriptedChecker();
    private AlertEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private AlertEngine open(GroupingSettings grouping, IncidentOpener incidents) {
        AlertingConfig config = new AlertingConfig(TICK, Duration.ofMinutes(15), grouping, FlapSettings.defaults(), List.of(), List.of());
        engine = AlertEngine.open(dir, config, checker, incidents);
        return engine;
    }

    private static GroupingSettings immediate() {
        return new GroupingSettings(List.of("alertname"), Duration.ZERO, Duration.ZERO, Duration.ofHours(4));
    }

    private static Instant tick(int n) {
        return T0.plus(TICK.multipliedBy(n));
    }

    private static AlertState stateOf(AlertEngine.Evaluation e) {
        assertEquals(1, e.alerts().size(), () -> "alerts: " + e.alerts());
        return e.alerts().get(0).state();
    }

    @Test
    void pendingUntilForElapsedThenFiringThenResolved() {
        open(immediate(), IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("db-down", "2m", Map.of()));
        checker.holds("db-down", Map.of("service", "db"));
        assertEquals(AlertState.PENDING, stateOf(engine.evaluate(tick(0))));
        assertEquals(AlertState.PENDING, stateOf(engine.evaluate(tick(2))), "60s of 2m");
        AlertEngine.Evaluation e = engine.evaluate(tick(3));
        assertEquals(AlertState.PENDING, stateOf(e), "90s of 2m");
        assertTrue(e.notifications().isEmpty(), "a pending alert is not notified");
        e = engine.evaluate(tick(4));
        assertEquals(AlertState.FIRING, stateOf(e), "2m reached");
        assertEquals(1, e.notifications().size());
        assertEquals(tick(0), e.alerts().get(0).activeSince());
        assertEquals(tick(4), e.alerts().get(0).firedAt());
        checker.clear("db-down");
        e = engine.evaluate(tick(5));
        assertEquals(AlertState.RESOLVED, stateOf(e));
        assertEquals(1, e.notifications().size(), "the resolution is notified");
        assertEquals("resolved", e.notifications().get(0).status());
        e = engine.evaluate(tick(6));
        assertTrue(e.notifications().isEmpty(), "resolved once");
    }

    @Test
    void conditionThatStopsDuringPendingNeverFires() {
        open(immediate(), IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("blip", "5m", Map.of()));
        checker.holds("blip", Map.of());
        engine.evaluate(tick(0));
        checker.clear("blip");
        AlertEngine.Evaluation e = engine.evaluate(tick(1));
        assertTrue(e.alerts().isEmpty(), "back to inactive: " + e.alerts());
        List<Transition> history = engine.history().find(null, null, "blip", null, 10);
        assertEquals(List.of("pending->inactive", "inactive->pending"),
                history.stream().map(t -> t.from().label() + "->" + t.to().label()).toList());
    }

    @Test
    void sameLabelsAreOneAlertAndDifferentLabelsTwo() {
        open(immediate(), IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("errors", "0s", Map.of("labels", Map.of("severity", "page"))));
        checker.set("errors", List.of(new Finding(Map.of("service", "a"), 1, "a"), new Finding(Map.of("service", "a"), 2, "a again"),
                new Finding(Map.of("service", "b"), 3, "b")));
        AlertEngine.Evaluation e = engine.evaluate(tick(0));
        assertEquals(2, e.alerts().size(), "deduplicated by fingerprint: " + e.alerts());
        assertNotEquals(e.alerts().get(0).fingerprint(), e.alerts().get(1).fingerprint());
        assertEquals("page", e.alerts().get(0).labels().get("severity"));
        assertEquals("errors", e.alerts().get(0).labels().get("alertname"));
        assertEquals(Fingerprint.of(Map.of("alertname", "errors", "service", "a", "severity", "page")),
                e.alerts().stream().filter(a -> a.labels().get("service").equals("a")).findFirst().orElseThrow().fingerprint());
        e = engine.evaluate(tick(1));
        assertEquals(2, e.alerts().size(), "the next evaluation updates the same alerts");
    }

    @Test
    void aStormOfAlertsIsOneNotificationAfterGroupWait() {
        open(new GroupingSettings(List.of("alertname"), Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofHours(4)),
                IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("storm", "0s", Map.of()));
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(new Finding(Map.of("instance", "host-" + i), i, "host " + i));
        }
        checker.set("storm", many.subList(0, 10));
        assertTrue(engine.evaluate(tick(0)).notifications().isEmpty(), "group_wait holds the first notification");
        checker.set("storm", many);
        assertTrue(engine.evaluate(tick(1)).notifications().isEmpty());
        AlertEngine.Evaluation e = engine.evaluate(tick(2));
        assertEquals(1, e.notifications().size(), "one notification for the whole group");
        assertEquals(50, e.notifications().get(0).alerts().size());
        assertEquals(Map.of("alertname", "storm"), e.notifications().get(0).groupLabels());
        for (int n = 3; n < 11; n++) {
            assertTrue(engine.evaluate(tick(n)).notifications().isEmpty(), "nothing new before group_interval, tick " + n);
        }
        checker.set("storm", many.subList(0, 49));
        assertTrue(engine.evaluate(tick(11)).notifications().isEmpty(), "4.5m since the last: still within group_interval");
        e = engine.evaluate(tick(12));
        assertEquals(1, e.notifications().size(), "the resolution waits for group_interval (5m)");
        assertEquals(1, e.notifications().get(0).resolved().size());
        assertEquals(49, e.notifications().get(0).firing().size());
        // Unchanged: only repeat_interval sends it again (4h = 480 ticks after tick 12).
        int sent = 0;
        for (int n = 13; n <= 12 + 480; n++) {
            sent += engine.evaluate(tick(n)).notifications().size();
        }
        assertEquals(1, sent, "one repeat within 4h");
    }

    @Test
    void groupingByEveryLabelSendsOneNotificationPerAlert() {
        open(new GroupingSettings(List.of("..."), Duration.ZERO, Duration.ZERO, Duration.ofHours(4)), IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("each", "0s", Map.of()));
        checker.set("each", List.of(new Finding(Map.of("service", "a"), 1, "a"), new Finding(Map.of("service", "b"), 1, "b")));
        AlertEngine.Evaluation e = engine.evaluate(tick(0));
        assertEquals(2, e.notifications().size());
        assertEquals(Map.of("alertname", "each", "service", "a"), e.notifications().get(0).groupLabels());
    }

    @Test
    void flappingAlertIsHeldUntilStable() {
        open(immediate(), IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("flappy", "0s", Map.of()));
        int notifications = 0;
        int n = 0;
        boolean sawFlapping = false;
        // Holds on even ticks only: fire, resolve, fire, resolve ...
        for (; n < 20; n++) {
            if (n % 2 == 0) {
                checker.holds("flappy", Map.of());
            } else {
                checker.clear("flappy");
            }
            AlertEngine.Evaluation e = engine.evaluate(tick(n));
            notifications += e.notifications().size();
            sawFlapping |= !e.alerts().isEmpty() && e.alerts().get(0).flapping();
        }
        assertTrue(sawFlapping, "20 state changes in 10 minutes is flapping");
        // Fire, resolve, fire: then the 4th change marks it flapping and nothing more is sent.
        assertEquals(3, notifications, "notifications before flap detection held the rest back");
        // It settles resolved; receivers last heard "firing", so the stable state is news.
        checker.clear("flappy");
        int held = 0;
        Instant stableAt = null;
        for (; n < 200 && stableAt == null; n++) {
            AlertEngine.Evaluation e = engine.evaluate(tick(n));
            held += e.notifications().size();
            if (!e.alerts().get(0).flapping()) {
                stableAt = tick(n);
                assertEquals(1, e.notifications().size(), "the stable state is notified once");
                assertEquals("resolved", e.notifications().get(0).status());
            }
        }
        assertEquals(1, held);
        // Stable when at most one change (the resolution at tick 19) is left in the 30-minute window.
        assertTrue(stableAt != null && !stableAt.isBefore(tick(18).plus(Duration.ofMinutes(30))), "stable at " + stableAt);
        List<String> notes = engine.history().find(null, null, "flappy", null, 1000).stream().map(Transition::note)
                .filter(java.util.Objects::nonNull).toList();
        assertEquals(List.of("flapping stopped", "flapping started"), notes);
    }

    @Test
    void silenceSuppressesNotificationsButNotTheLifecycle() {
        open(immediate(), IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("disk", "0s", Map.of()));
        Silence silence = engine.silences().create(Map.of("matchers", List.of(Map.of("name", "service", "value", "db.*", "is_regex", true)),
                "starts_at", tick(0).toString(), "ends_at", tick(10).toString(), "comment", "maintenance"), tick(0));
        checker.set("disk", List.of(new Finding(Map.of("service", "db-1"), 1, "db"), new Finding(Map.of("service", "web"), 1, "web")));
        AlertEngine.Evaluation e = engine.evaluate(tick(1));
        assertEquals(2, e.alerts().stream().filter(a -> a.state() == AlertState.FIRING).count());
        assertEquals(1, e.notifications().size());
        assertEquals(List.of("web"), e.notifications().get(0).alerts().stream().map(a -> a.labels().get("service")).toList());
        Alert muted = e.alerts().stream().filter(a -> a.labels().get("service").equals("db-1")).findFirst().orElseThrow();
        assertEquals(List.of(silence.id()), muted.silencedBy());
        assertEquals(1, e.notifiable().size());
        // Once the silence expires, the alert is news.
        engine.silences().expire(silence.id(), tick(2));
        e = engine.evaluate(tick(2));
        assertEquals(1, e.notifications().size());
        assertEquals(2, e.notifications().get(0).alerts().size());
        assertEquals("expired", engine.silences().get(silence.id()).orElseThrow().status(tick(2)));
    }

    @Test
    void firingAlertOpensAnIncidentAndCarriesTheRootCause() {
        List<String> opened = new ArrayList<>();
        open(immediate(), (name, labels, firedAt, service) -> {
            opened.add(name + "@" + firedAt + "/" + service);
            return new IncidentOpener.IncidentLink("20261102-abc123", "deployment payments v2 (score 0.9): deployed right before");
        });
        engine.rules().create(ScriptedChecker.rule("pay", "30s", Map.of("open_incident", true)));
        checker.holds("pay", Map.of("service", "payments"));
        engine.evaluate(tick(0));
        assertTrue(opened.isEmpty(), "pending does not open an incident");
        AlertEngine.Evaluation e = engine.evaluate(tick(1));
        assertEquals(List.of("pay@" + tick(1) + "/payments"), opened);
        assertEquals("20261102-abc123", e.notifications().get(0).alerts().get(0).annotations().get("incident_id"));
        engine.evaluate(tick(2));
        assertEquals(1, opened.size(), "once per firing");
        assertTrue(engine.alerts().get(0).annotations().get("root_cause").startsWith("deployment payments"));
    }

    @Test
    void rulesSilencesAndHistorySurviveAReopen() {
        open(immediate(), IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("kept", "0s", Map.of("annotations", Map.of("summary", "value {{ $value }} on {{ $labels.service }}"))));
        Silence silence = engine.silences().create(Map.of("matchers", List.of(Map.of("name", "service", "value", "x")), "duration", "1h"), tick(0));
        checker.set("kept", List.of(new Finding(Map.of("service", "api"), 0.25, "x")));
        AlertEngine.Evaluation e = engine.evaluate(tick(0));
        assertEquals("value 0.25 on api", e.alerts().get(0).annotations().get("summary"));
        engine.close();
        engine = null;
        open(immediate(), IncidentOpener.NONE);
        assertEquals(List.of("kept"), engine.rules().all().stream().map(AlertRule::id).toList());
        assertEquals("value {{ $value }} on {{ $labels.service }}", engine.rules().get("kept").orElseThrow().annotations().get("summary"));
        assertEquals(silence, engine.silences().get(silence.id()).orElseThrow());
        assertEquals(2, engine.history().find(null, null, "kept", null, 10).size(), "inactive->pending->firing");
        assertThrows(AlertConflictException.class, () -> engine.rules().create(ScriptedChecker.rule("kept", "0s", Map.of())));
    }

    @Test
    void aRestartContinuesForDurationsAndKeepsFiringAlertsFiring() {
        open(immediate(), IncidentOpener.NONE);
        engine.rules().create(ScriptedChecker.rule("slow", "2m", Map.of()));
        engine.rules().create(ScriptedChecker.rule("fast", "0s", Map.of()));
        checker.holds("slow", Map.of());
        checker.holds("fast", Map.of());
        engine.evaluate(tick(0));
        engine.evaluate(tick(2));
        engine.close();
        engine = null;
        open(immediate(), IncidentOpener.NONE);
        assertEquals(2, engine.alerts().size(), "restored before the first evaluation");
        AlertEngine.Evaluation e = engine.evaluate(tick(4));
        assertEquals(List.of(AlertState.FIRING, AlertState.FIRING), e.alerts().stream().map(Alert::state).toList(),
                "pending since tick 0: fires at tick 4 as without the restart");
        assertEquals(tick(0), e.alerts().stream().filter(a -> a.ruleId().equals("fast")).findFirst().orElseThrow().firedAt());
        List<Transition> fast = engine.history().find(null, null, "fast", null, 10);
        assertEquals(2, fast.size(), "no new transitions for the alert that was firing: " + fast);
    }

    @Test
    void configurationRulesAreReadOnlyAndADeletedRuleResolvesItsAlerts() {
        AlertRule fromFile = RuleParser.parse(ScriptedChecker.rule("file-rule", "0s", Map.of()), "rules[0]", RuleStore.FILE);
        engine = AlertEngine.open(dir, new AlertingConfig(TICK, Duration.ofMinutes(15), immediate(), FlapSettings.defaults(),
                List.of(fromFile), List.of()), checker, IncidentOpener.NONE);
        assertThrows(AlertConflictException.class, () -> engine.rules().delete("file-rule"));
        engine.rules().create(ScriptedChecker.rule("temp", "0s", Map.of()));
        checker.holds("temp", Map.of());
        assertEquals(AlertState.FIRING, stateOf(engine.evaluate(tick(0))));
        assertTrue(engine.rules().delete("temp"));
        assertEquals(AlertState.RESOLVED, stateOf(engine.evaluate(tick(1))));
        assertFalse(engine.rules().delete("temp"));
    }
}
