package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A condition checker the test scripts: the findings of each rule (by its {@code query} field
 * for absence rules, used here as a plain name) are whatever the test set last. Lets lifecycle
 * tests step through exact sequences of "holds" and "does not hold".
 */
final class ScriptedChecker implements ConditionChecker {
    private final Map<String, List<Finding>> findings = new ConcurrentHashMap<>();

    void set(String key, List<Finding> now) {
        findings.put(key.replace('-', '_'), now);
    }

    void holds(String key, Map<String, String> labels) {
        set(key, List.of(new Finding(labels, 1, key + " holds")));
    }

    void clear(String key) {
        findings.remove(key.replace('-', '_'));
    }

    @Override
    public List<Finding> check(RuleCondition condition, Instant now) {
        String key = ((AbsenceCondition) condition).query();
        return findings.getOrDefault(key, List.of());
    }

    /** A rule the checker answers for: an absence rule whose query is {@code key}. */
    static Map<String, Object> rule(String key, String forDuration, Map<String, Object> extra) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec.put("name", key);
        spec.put("type", "absence");
        spec.put("query", key.replace('-', '_'));
        spec.put("for", forDuration);
        spec.putAll(extra);
        return spec;
    }
}
