package dev.vigil.rca.alerts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Log templates or a search over the last {@code window}.
 *
 * @param mode     {@code new} (a template absent from the window before), {@code surge} (a
 *                 template whose rate rose significantly by at least {@code minRatio}) or
 *                 {@code count} (the number of matching log events compared with {@code value})
 * @param query    Lucene syntax restricting the log events; blank for all
 * @param window   the window; the baseline is the window of the same length before it
 * @param minRatio for {@code surge}: the least rate increase
 * @param op       for {@code count}: comparison
 * @param value    for {@code count}: the threshold
 */
public record LogPatternCondition(Mode mode, String query, Duration window, double minRatio, Comparison op, double value)
        implements RuleCondition {
    public enum Mode {
        NEW, SURGE, COUNT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public RuleType type() {
        return RuleType.LOG_PATTERN;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode.label());
        if (!query.isEmpty()) {
            out.put("query", query);
        }
        out.put("window", Durations.format(window));
        if (mode == Mode.SURGE) {
            out.put("min_ratio", minRatio);
        }
        if (mode == Mode.COUNT) {
            out.put("op", op.symbol());
            out.put("value", value);
        }
        return out;
    }
}
