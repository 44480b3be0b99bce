package dev.vigil.rca.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SLO burn-rate alerts of the {@link BurnRateSource} that are active.
 *
 * @param slo      only this SLO id, or null for every SLO
 * @param severity only this severity ({@code page} or {@code ticket}), or null for both
 */
public record BurnRateCondition(String slo, String severity) implements RuleCondition {
    @Override
    public RuleType type() {
        return RuleType.BURN_RATE;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (slo != null) {
            out.put("slo", slo);
        }
        if (severity != null) {
            out.put("severity", severity);
        }
        return out;
    }
}
