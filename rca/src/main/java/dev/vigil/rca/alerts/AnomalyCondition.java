package dev.vigil.rca.alerts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.vigil.analytics.anomaly.monitor.SignalKind;

/**
 * Anomaly episodes of the live monitor that began in the last {@code window} or are still going on.
 *
 * @param service  only this service, or null for all
 * @param minScore the least detector score, in [0, 1]
 * @param kind     only this kind of series, or null for all
 * @param window   how far back an onset may lie
 */
public record AnomalyCondition(String service, double minScore, SignalKind kind, Duration window) implements RuleCondition {
    @Override
    public RuleType type() {
        return RuleType.ANOMALY;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (service != null) {
            out.put("service", service);
        }
        out.put("min_score", minScore);
        if (kind != null) {
            out.put("kind", kind.label());
        }
        out.put("window", Durations.format(window));
        return out;
    }
}
