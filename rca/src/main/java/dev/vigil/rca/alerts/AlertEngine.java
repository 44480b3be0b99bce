package dev.vigil.rca.alerts;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule at an instant the caller gives (so tests drive it with their own clock),
 * moves each alert through its lifecycle, detects flapping, applies silences, records the
 * transitions in the history and returns the notifications due.
 *
 * <pre>{@code
 * AlertEngine engine = AlertEngine.open(dataDir.resolve("alerts"), AlertingConfig.defaults(), checker, IncidentOpener.NONE);
 * AlertEngine.Evaluation e = engine.evaluate(Instant.now());   // on a worker thread, every interval
 * e.notifications().forEach(dispatcher::send);
 * }</pre>
 *
 * Thread-safe: evaluations are serialized; {@link #alerts()} reads the last evaluation's snapshot
 * without waiting for a running one.
 */
public final class AlertEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final RuleStore rules;
    private final SilenceStore silences;
    private final AlertHistory history;
    private final ConditionChecker checker;
    private final IncidentOpener incidents;
    private final AlertingConfig config;
    private final NotificationGrouper grouper;
    private final Map<String, TrackedAlert> tracked = new LinkedHashMap<>();
    /** Concurrent: the rules API reads it without waiting for a running evaluation. */
    private final Map<String, RuleHealth> health = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path stateFile;
    private volatile List<Alert> snapshot = List.of();

    /**
     * How a rule's last evaluation went.
     *
     * @param evaluatedAt the evaluation time, or null before the first
     * @param error       why it could not be evaluated, or null
     */
    public record RuleHealth(Instant evaluatedAt, String error) {
    }

    /**
     * What one evaluation produced.
     *
     * @param at            the evaluation time
     * @param alerts        every alert after it (pending, firing and recently resolved)
     * @param transitions   the state changes it made (already in the history)
     * @param notifications the grouped notifications due now
     */
    public record Evaluation(Instant at, List<Alert> alerts, List<Transition> transitions, List<Notification> notifications) {
        /** The alerts targets that keep their own state (Alertmanager) receive: firing or resolved, neither silenced nor flapping. */
        public List<Alert> notifiable() {
            return alerts.stream().filter(a -> (a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED) && !a.silenced()
                    && !a.flapping()).toList();
        }
    }

    private AlertEngine(RuleStore rules, SilenceStore silences, AlertHistory history, ConditionChecker checker, IncidentOpener incidents,
                        AlertingConfig config, Path stateFile) {
        this.stateFile = stateFile;
        this.rules = rules;
        this.silences = silences;
        this.history = history;
        this.checker = checker;
        this.incidents = incidents;
        this.config = config;
        this.grouper = new NotificationGrouper(config.grouping());
    }

    /**
     * @param directory where rules.json, silences.json and history.jsonl live, or null for memory only
     * @param config    settings and the configuration file's rules
     */
    public static AlertEngine open(Path directory, AlertingConfig config, ConditionChecker checker, IncidentOpener incidents) {
        RuleStore rules = RuleStore.open(directory == null ? null : directory.resolve("rules.json"), config.rules());
        SilenceStore silences = SilenceStore.open(directory == null ? null : directory.resolve("silences.json"));
        AlertHistory history = AlertHistory.open(directory == null ? null : directory.resolve("history.jsonl"));
        AlertEngine engine = new AlertEngine(rules, silences, history, checker, incidents, config,
                directory == null ? null : directory.resolve("state.json"));
        engine.restore();
        return engine;
    }

    /**
     * Picks up the alerts of the last run, so a restart neither restarts {@code for} durations
     * nor forgets what was firing (as Prometheus restores its alerts' state). Their notifications
     * start afresh: receivers hear about firing alerts again after {@code group_wait}.
     */
    @SuppressWarnings("unchecked")
    private void restore() {
        Object document;
        try {
            document = FileStore.read(stateFile);
        } catch (IllegalStateException e) {
            LOG.warn("alert states not restored: {}", e.getMessage());
            return;
        }
        if (document instanceof List<?> list) {
            for (Object item : list) {
                try {
                    TrackedAlert alert = TrackedAlert.fromFields((Map<String, Object>) item);
                    tracked.put(alert.fingerprint, alert);
                } catch (RuntimeException e) {
                    LOG.warn("an alert state was not restored: {}", e.toString());
                }
            }
        }
        List<Alert> alerts = new ArrayList<>();
        tracked.values().forEach(t -> alerts.add(t.snapshot(List.of())));
        snapshot = List.copyOf(alerts);
    }

    public RuleStore rules() {
        return rules;
    }

    public SilenceStore silences() {
        return silences;
    }

    public AlertHistory history() {
        return history;
    }

    public AlertingConfig config() {
        return config;
    }

    /** The alerts as of the last evaluation, firing first, then pending, then resolved. */
    public List<Alert> alerts() {
        return snapshot;
    }

    public RuleHealth health(String ruleId) {
        return health.getOrDefault(ruleId, new RuleHealth(null, null));
    }

    /** Runs one evaluation at {@code now}; blocks on index reads and on opening incidents. */
    public synchronized Evaluation evaluate(Instant now) {
        List<Transition> transitions = new ArrayList<>();
        Set<String> liveRules = new HashSet<>();
        for (AlertRule rule : rules.all()) {
            liveRules.add(rule.id());
            List<Finding> findings;
            try {
                findings = checker.check(rule.condition(), now);
                health.put(rule.id(), new RuleHealth(now, null));
            } catch (RuntimeException e) {
                // Keeping the alerts as they were is safer than resolving them on a failed query.
                health.put(rule.id(), new RuleHealth(now, e.getMessage() == null ? e.toString() : e.getMessage()));
                LOG.warn("alert rule {} could not be evaluated: {}", rule.id(), e.toString());
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Finding finding : findings) {
                Map<String, String> labels = new TreeMap<>(finding.labels());
                labels.putAll(rule.labels());
                labels.put("alertname", rule.name());
                String fingerprint = Fingerprint.of(labels);
                if (!seen.add(fingerprint)) {
                    continue;
                }
                tracked.computeIfAbsent(fingerprint, f -> new TrackedAlert(f, rule.id(), labels)).observe(rule, finding, now, transitions);
            }
            for (TrackedAlert alert : tracked.values()) {
                if (alert.ruleId.equals(rule.id()) && !seen.contains(alert.fingerprint)) {
                    alert.miss(now, transitions);
                }
            }
        }
        health.keySet().retainAll(liveRules);
        for (TrackedAlert alert : tracked.values()) {
            if (!liveRules.contains(alert.ruleId)) {
                alert.miss(now, transitions);
            }
            alert.detectFlapping(config.flapping(), now, transitions);
        }
        openIncidents();
        for (Iterator<TrackedAlert> it = tracked.values().iterator(); it.hasNext(); ) {
            TrackedAlert alert = it.next();
            if (alert.state == AlertState.INACTIVE
                    || (alert.state == AlertState.RESOLVED && !alert.flapping && alert.settledAt.plus(config.resolvedRetention()).isBefore(now))) {
                it.remove();
            }
        }
        history.append(transitions);
        if (!transitions.isEmpty()) {
            saveStates();
        }
        grouper.begin();
        List<Alert> alerts = new ArrayList<>();
        for (TrackedAlert t : tracked.values()) {
            Alert alert = t.snapshot(silences.muting(t.labels, now));
            alerts.add(alert);
            if ((alert.state() == AlertState.FIRING || alert.state() == AlertState.RESOLVED) && !alert.silenced() && !alert.flapping()) {
                grouper.offer(alert, now);
            }
        }
        alerts.sort(Comparator.comparingInt((Alert a) -> order(a.state())).thenComparing(Alert::fingerprint));
        List<Notification> notifications = grouper.flush(now, tracked.keySet());
        snapshot = List.copyOf(alerts);
        return new Evaluation(now, snapshot, List.copyOf(transitions), notifications);
    }

    private void saveStates() {
        List<Object> document = new ArrayList<>();
        for (TrackedAlert alert : tracked.values()) {
            document.add(alert.fields());
        }
        try {
            FileStore.write(stateFile, document);
        } catch (RuntimeException e) {
            // The states are a convenience for restarts; evaluation and notification go on.
            LOG.warn("alert states not saved: {}", e.toString());
        }
    }

    private void openIncidents() {
        for (TrackedAlert alert : tracked.values()) {
            if (!alert.justFired) {
                continue;
            }
            alert.justFired = false;
            try {
                alert.linkIncident(incidents.open(alert.labels.get("alertname"), alert.labels, alert.firedAt, alert.labels.get("service")));
            } catch (RuntimeException e) {
                LOG.warn("alert {} could not open an incident: {}", alert.labels.get("alertname"), e.toString());
            }
        }
    }

    private static int order(AlertState state) {
        return switch (state) {
            case FIRING -> 0;
            case PENDING -> 1;
            case RESOLVED -> 2;
            case INACTIVE -> 3;
        };
    }

    @Override
    public void close() {
        history.close();
    }

    /** The evaluation interval the configuration asks for. */
    public Duration interval() {
        return config.interval();
    }
}
