package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live state of one alert: its lifecycle and the changes its flap detection counts. Not
 * thread-safe: only the engine touches it, under its lock.
 */
final class TrackedAlert {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*\\$(value|labels\\.([a-zA-Z_][a-zA-Z0-9_]*))\\s*}}");

    final String fingerprint;
    final String ruleId;
    final Map<String, String> labels;
    private final Map<String, String> annotations = new HashMap<>();
    private final Deque<Instant> changes = new ArrayDeque<>();
    AlertState state = AlertState.INACTIVE;
    double value = Double.NaN;
    Instant activeSince;
    Instant firedAt;
    Instant resolvedAt;
    Instant evaluatedAt;
    boolean flapping;
    /** The later of the resolution and the end of flapping: resolved alerts are kept listed (and notified) from here. */
    Instant settledAt;
    /** Set when the alert started firing at this evaluation and its rule opens incidents. */
    boolean justFired;

    TrackedAlert(String fingerprint, String ruleId, Map<String, String> labels) {
        this.fingerprint = fingerprint;
        this.ruleId = ruleId;
        this.labels = Map.copyOf(labels);
    }

    /** The condition holds at {@code now}. */
    void observe(AlertRule rule, Finding finding, Instant now, List<Transition> out) {
        value = finding.value();
        evaluatedAt = now;
        String incident = annotations.get("incident_id");
        String cause = annotations.get("root_cause");
        annotations.clear();
        for (Map.Entry<String, String> a : rule.annotations().entrySet()) {
            annotations.put(a.getKey(), fill(a.getValue()));
        }
        annotations.putIfAbsent("summary", finding.summary());
        if (state == AlertState.FIRING) {
            restore(incident, cause);
        }
        if (state == AlertState.INACTIVE || state == AlertState.RESOLVED) {
            activeSince = now;
            firedAt = null;
            resolvedAt = null;
            move(AlertState.PENDING, now, out);
        }
        if (state == AlertState.PENDING && !now.isBefore(activeSince.plus(rule.forDuration()))) {
            firedAt = now;
            move(AlertState.FIRING, now, out);
            justFired = rule.openIncident();
        }
    }

    /** The condition does not hold at {@code now} (or its rule is gone). */
    void miss(Instant now, List<Transition> out) {
        evaluatedAt = now;
        if (state == AlertState.PENDING) {
            move(AlertState.INACTIVE, now, out);
            activeSince = null;
        } else if (state == AlertState.FIRING) {
            resolvedAt = now;
            settledAt = now;
            move(AlertState.RESOLVED, now, out);
        }
    }

    /** Updates flapping from the changes within the window; records its start and end. */
    void detectFlapping(FlapSettings settings, Instant now, List<Transition> out) {
        while (!changes.isEmpty() && changes.peekFirst().isBefore(now.minus(settings.window()))) {
            changes.removeFirst();
        }
        if (!flapping && changes.size() >= settings.startChanges()) {
            flapping = true;
            out.add(new Transition(now, fingerprint, ruleId, labels, state, state, value, "flapping started"));
        } else if (flapping && changes.size() <= settings.stopChanges()) {
            flapping = false;
            settledAt = now;
            out.add(new Transition(now, fingerprint, ruleId, labels, state, state, value, "flapping stopped"));
        }
    }

    void linkIncident(IncidentOpener.IncidentLink link) {
        if (link != null) {
            restore(link.incidentId(), link.topRootCause());
        }
    }

    private void restore(String incidentId, String rootCause) {
        if (incidentId != null) {
            annotations.put("incident_id", incidentId);
        }
        if (rootCause != null) {
            annotations.put("root_cause", rootCause);
        }
    }

    private void move(AlertState to, Instant now, List<Transition> out) {
        if ((to == AlertState.FIRING) != (state == AlertState.FIRING)) {
            changes.addLast(now);
        }
        out.add(new Transition(now, fingerprint, ruleId, labels, state, to, value, null));
        state = to;
    }

    private String fill(String template) {
        Matcher m = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) == null ? ThresholdChecker.round(value) : labels.getOrDefault(m.group(2), "");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** What a restart needs to continue the lifecycle: state, times, annotations and flap history. */
    Map<String, Object> fields() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("fingerprint", fingerprint);
        out.put("rule", ruleId);
        out.put("labels", new java.util.TreeMap<>(labels));
        out.put("annotations", new java.util.TreeMap<>(annotations));
        out.put("state", state.label());
        out.put("value", value);
        out.put("active_since", text(activeSince));
        out.put("fired_at", text(firedAt));
        out.put("resolved_at", text(resolvedAt));
        out.put("evaluated_at", text(evaluatedAt));
        out.put("flapping", flapping);
        out.put("settled_at", text(settledAt));
        out.put("changes", changes.stream().map(Instant::toString).toList());
        return out;
    }

    @SuppressWarnings("unchecked")
    static TrackedAlert fromFields(Map<String, Object> f) {
        TrackedAlert t = new TrackedAlert((String) f.get("fingerprint"), (String) f.get("rule"), (Map<String, String>) f.get("labels"));
        t.annotations.putAll((Map<String, String>) f.get("annotations"));
        t.state = AlertState.parse((String) f.get("state"));
        t.value = f.get("value") instanceof Number n ? n.doubleValue() : Double.NaN;
        t.activeSince = instant(f.get("active_since"));
        t.firedAt = instant(f.get("fired_at"));
        t.resolvedAt = instant(f.get("resolved_at"));
        t.evaluatedAt = instant(f.get("evaluated_at"));
        t.flapping = Boolean.TRUE.equals(f.get("flapping"));
        t.settledAt = instant(f.get("settled_at"));
        for (Object change : (List<Object>) f.get("changes")) {
            t.changes.addLast(Instant.parse((String) change));
        }
        return t;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(Object text) {
        return text == null ? null : Instant.parse((String) text);
    }

    Alert snapshot(List<String> silencedBy) {
        return new Alert(fingerprint, ruleId, labels, annotations, state, value, activeSince, firedAt, resolvedAt, evaluatedAt, flapping,
                silencedBy);
    }
}
