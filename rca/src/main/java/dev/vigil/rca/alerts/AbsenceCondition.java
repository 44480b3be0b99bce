package dev.vigil.rca.alerts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * No data for {@code window}: no events of {@code service}, or no samples of the series
 * {@code query} selects. Exactly one of the two is set.
 */
public record AbsenceCondition(String service, String query, Duration window) implements RuleCondition {
    @Override
    public RuleType type() {
        return RuleType.ABSENCE;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (service != null) {
            out.put("service", service);
        } else {
            out.put("query", query);
        }
        out.put("window", Durations.format(window));
        return out;
    }
}
