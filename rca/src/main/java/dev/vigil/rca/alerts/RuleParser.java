package dev.vigil.rca.alerts;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.vigil.analytics.anomaly.monitor.SignalKind;
import dev.vigil.analytics.metrics.SeriesSelector;
import dev.vigil.analytics.search.EventQueryParser;

/**
 * Reads and validates one rule from a parsed JSON or YAML object; the same fields in both (see
 * docs/api.md, "Alert rules"). Every error is a {@link RuleValidationException} naming the field.
 * Stateless and thread-safe.
 */
public final class RuleParser {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final String COMMON = "id, name, type, for, labels, annotations, open_incident";
    private static final Map<RuleType, String> KNOWN = Map.of(
            RuleType.THRESHOLD, COMMON + ", source, query, reduce, service, endpoint, stat, window, op, value",
            RuleType.ANOMALY, COMMON + ", service, min_score, kind, window",
            RuleType.ABSENCE, COMMON + ", service, query, window",
            RuleType.LOG_PATTERN, COMMON + ", mode, query, window, min_ratio, op, value",
            RuleType.BURN_RATE, COMMON + ", slo, severity");
    private static final java.util.List<String> STATS = java.util.List.of("error_rate", "requests", "rate_per_second", "p50_ms",
            "p95_ms", "p99_ms");
    private static final java.util.List<String> REDUCE = java.util.List.of("avg", "max", "min", "sum", "last");
    /** Longest window a rule may look back: the anomaly monitor and the pattern statistics scan it on every tick. */
    static final Duration MAX_WINDOW = Duration.ofDays(7);

    private RuleParser() {
    }

    /**
     * @param spec   the rule object
     * @param path   where it sits, for error messages (e.g. {@code rules[2]}, or empty for a request body)
     * @param origin {@code api} or {@code file}
     */
    public static AlertRule parse(Object spec, String path, String origin) {
        SpecReader r = new SpecReader(spec, path);
        String name = r.required("name");
        if (name.length() > 200) {
            throw new RuleValidationException(r.field("name"), "is longer than 200 characters");
        }
        String id = r.string("id", null);
        if (id == null) {
            id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
            if (id.length() > 64) {
                id = id.substring(0, 64);
            }
        }
        if (!ID.matcher(id).matches()) {
            throw new RuleValidationException(r.field("id"), "'" + id + "' is not an id: lowercase letters, digits, - and _, at most 64");
        }
        RuleType type;
        try {
            type = RuleType.parse(r.required("type"));
        } catch (IllegalArgumentException e) {
            throw new RuleValidationException(r.field("type"), e.getMessage());
        }
        RuleCondition condition = switch (type) {
            case THRESHOLD -> threshold(r);
            case ANOMALY -> anomaly(r);
            case ABSENCE -> absence(r);
            case LOG_PATTERN -> logPattern(r);
            case BURN_RATE -> burnRate(r);
        };
        Duration forDuration = r.duration("for", Duration.ZERO);
        Map<String, String> labels = r.stringMap("labels");
        for (String label : labels.keySet()) {
            if (!LABEL.matcher(label).matches()) {
                throw new RuleValidationException(r.field("labels." + label), "is not a label name: letters, digits and _, not first a digit");
            }
        }
        if (labels.containsKey("alertname")) {
            throw new RuleValidationException(r.field("labels.alertname"), "is set from the rule's name");
        }
        Map<String, String> annotations = r.stringMap("annotations");
        boolean openIncident = r.bool("open_incident", false);
        r.rejectUnknown(KNOWN.get(type));
        return new AlertRule(id, name, condition, forDuration, labels, annotations, openIncident, origin);
    }

    private static ThresholdCondition threshold(SpecReader r) {
        String sourceText = r.string("source", r.has("query") ? "metric" : "endpoint");
        ThresholdCondition.Source source = switch (sourceText) {
            case "metric" -> ThresholdCondition.Source.METRIC;
            case "endpoint" -> ThresholdCondition.Source.ENDPOINT;
            default -> throw new RuleValidationException(r.field("source"), "'" + sourceText + "' is not a source; use metric or endpoint");
        };
        Duration window = window(r, Duration.ofMinutes(5));
        Comparison op = comparison(r, Comparison.GT);
        double value = r.requiredNumber("value");
        if (source == ThresholdCondition.Source.METRIC) {
            String query = r.required("query");
            selector(r, "query", query);
            String reduce = r.string("reduce", "avg");
            if (!REDUCE.contains(reduce)) {
                throw new RuleValidationException(r.field("reduce"), "'" + reduce + "' is not one of " + REDUCE);
            }
            for (String other : new String[] {"service", "endpoint", "stat"}) {
                if (r.has(other)) {
                    throw new RuleValidationException(r.field(other), "belongs to source endpoint; a metric rule selects with query");
                }
            }
            return new ThresholdCondition(source, query, reduce, null, null, null, window, op, value);
        }
        String stat = r.required("stat");
        if (!STATS.contains(stat)) {
            throw new RuleValidationException(r.field("stat"), "'" + stat + "' is not one of " + STATS);
        }
        String service = r.string("service", null);
        String endpoint = r.string("endpoint", null);
        if (endpoint != null && service == null) {
            throw new RuleValidationException(r.field("service"), "is required with endpoint");
        }
        if (r.has("query") || r.has("reduce")) {
            throw new RuleValidationException(r.field(r.has("query") ? "query" : "reduce"), "belongs to source metric");
        }
        return new ThresholdCondition(source, null, null, service, endpoint, stat, window, op, value);
    }

    private static AnomalyCondition anomaly(SpecReader r) {
        double minScore = r.number("min_score", 0.7);
        if (minScore < 0 || minScore > 1) {
            throw new RuleValidationException(r.field("min_score"), "must be between 0 and 1");
        }
        SignalKind kind = null;
        String kindText = r.string("kind", null);
        if (kindText != null) {
            try {
                kind = SignalKind.parse(kindText);
            } catch (IllegalArgumentException e) {
                throw new RuleValidationException(r.field("kind"), e.getMessage());
            }
        }
        return new AnomalyCondition(r.string("service", null), minScore, kind, window(r, Duration.ofMinutes(15)));
    }

    private static AbsenceCondition absence(SpecReader r) {
        String service = r.string("service", null);
        String query = r.string("query", null);
        if ((service == null) == (query == null)) {
            throw new RuleValidationException(r.field("service"), "an absence rule needs exactly one of service and query");
        }
        if (query != null) {
            selector(r, "query", query);
        }
        return new AbsenceCondition(service, query, window(r, Duration.ofMinutes(10)));
    }

    private static LogPatternCondition logPattern(SpecReader r) {
        String modeText = r.string("mode", "new");
        LogPatternCondition.Mode mode = switch (modeText) {
            case "new" -> LogPatternCondition.Mode.NEW;
            case "surge" -> LogPatternCondition.Mode.SURGE;
            case "count" -> LogPatternCondition.Mode.COUNT;
            default -> throw new RuleValidationException(r.field("mode"), "'" + modeText + "' is not a mode; use new, surge or count");
        };
        String query = r.string("query", "");
        if (!query.isBlank()) {
            try {
                new EventQueryParser().parseText(query);
            } catch (IllegalArgumentException e) {
                throw new RuleValidationException(r.field("query"), e.getMessage());
            }
        }
        Duration window = window(r, Duration.ofMinutes(15));
        double minRatio = r.number("min_ratio", 3);
        if (minRatio < 1) {
            throw new RuleValidationException(r.field("min_ratio"), "must be at least 1");
        }
        Comparison op = comparison(r, Comparison.GT);
        double value = mode == LogPatternCondition.Mode.COUNT ? r.requiredNumber("value") : r.number("value", 0);
        return new LogPatternCondition(mode, query, window, minRatio, op, value);
    }

    private static BurnRateCondition burnRate(SpecReader r) {
        String severity = r.string("severity", null);
        if (severity != null && !severity.equals("page") && !severity.equals("ticket")) {
            throw new RuleValidationException(r.field("severity"), "'" + severity + "' is not page or ticket");
        }
        return new BurnRateCondition(r.string("slo", null), severity);
    }

    private static Duration window(SpecReader r, Duration fallback) {
        Duration window = r.duration("window", fallback);
        if (window.toMillis() < 1000 || window.compareTo(MAX_WINDOW) > 0) {
            throw new RuleValidationException(r.field("window"), "must be between 1s and 7d");
        }
        return window;
    }

    private static Comparison comparison(SpecReader r, Comparison fallback) {
        String text = r.string("op", null);
        if (text == null) {
            return fallback;
        }
        try {
            return Comparison.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleValidationException(r.field("op"), e.getMessage());
        }
    }

    private static void selector(SpecReader r, String field, String text) {
        try {
            SeriesSelector.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleValidationException(r.field(field), e.getMessage());
        }
    }

    /** Keeps ids unique across a list of rules. */
    static void requireUnique(java.util.List<AlertRule> rules, String path) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Integer before = seen.putIfAbsent(rules.get(i).id(), i);
            if (before != null) {
                throw new RuleValidationException(path + "[" + i + "].id", "'" + rules.get(i).id() + "' is also the id of " + path + "["
                        + before + "]");
            }
        }
    }
}
