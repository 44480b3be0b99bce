package dev.vigil.rca.alerts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A statistic over the last {@code window} compared with a value.
 *
 * @param source      {@code metric} (a series selector) or {@code endpoint} (request statistics)
 * @param query       the series selector for {@code metric}, e.g. {@code db_pool_active{service="payments"}}
 * @param reduce      how a series' samples in the window reduce to one value: avg, max, min, sum or last
 * @param service     for {@code endpoint}: the service, or null to check every service
 * @param endpoint    for {@code endpoint}: one endpoint ({@code "POST /api/pay"}), or null for the whole service
 * @param stat        for {@code endpoint}: error_rate, requests, rate_per_second, p50_ms, p95_ms or p99_ms
 * @param window      how far back from the evaluation time
 * @param op          comparison
 * @param value       the threshold
 */
public record ThresholdCondition(Source source, String query, String reduce, String service, String endpoint, String stat,
                                 Duration window, Comparison op, double value) implements RuleCondition {
    public enum Source {
        METRIC, ENDPOINT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public RuleType type() {
        return RuleType.THRESHOLD;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source.label());
        if (source == Source.METRIC) {
            out.put("query", query);
            out.put("reduce", reduce);
        } else {
            if (service != null) {
                out.put("service", service);
            }
            if (endpoint != null) {
                out.put("endpoint", endpoint);
            }
            out.put("stat", stat);
        }
        out.put("window", Durations.format(window));
        out.put("op", op.symbol());
        out.put("value", value);
        return out;
    }
}
