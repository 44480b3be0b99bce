package dev.vigil.analytics.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

import dev.vigil.analytics.metrics.SeriesSelector;

/**
 * Turns the plain tree of an SLO document (maps, lists, strings and numbers, as YAML or JSON
 * decode to) into {@link SloDefinition}s, collecting every problem with its field path and line.
 *
 * <p>The format, one SLO:
 * <pre>{@code
 * id: checkout-availability       # optional, defaults to the name in lower case with dashes
 * name: Checkout availability
 * service: checkout
 * endpoint: POST /api/checkout    # optional
 * indicator:
 *   type: availability            # or latency (then threshold: 300ms)
 *   source: events                # or metrics (then good: and total: counter selectors)
 * target: 99.9                    # percent
 * window: 30d                     # rolling; default 30d
 * alerting:                       # optional; default the SRE workbook's policy
 *   hysteresis: 0.9
 *   rules:
 *     - {severity: page, long: 1h, short: 5m, burn: 14.4}
 * }</pre>
 * Stateless and thread-safe.
 */
public final class SloSpecParser {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Set<String> SLO_KEYS = Set.of("id", "name", "service", "endpoint", "indicator", "target",
            "window", "alerting");
    private static final Set<String> INDICATOR_KEYS = Set.of("type", "source", "threshold", "good", "total");
    private static final Set<String> ALERTING_KEYS = Set.of("hysteresis", "rules");
    private static final Set<String> RULE_KEYS = Set.of("severity", "long", "short", "burn");
    private static final Duration MIN_WINDOW = Duration.ofHours(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(400);

    private final ToIntFunction<String> lines;
    private final List<SloValidationException.Problem> problems = new ArrayList<>();

    /** @param lines the 1-based line of a field path, 0 when unknown */
    private SloSpecParser(ToIntFunction<String> lines) {
        this.lines = lines;
    }

    /**
     * Parses a document: a map with a {@code slos} list, or a list of SLOs.
     *
     * @throws SloValidationException listing every problem
     */
    public static List<SloDefinition> parseDocument(Object root, ToIntFunction<String> lines, String source, String origin) {
        SloSpecParser parser = new SloSpecParser(lines);
        List<SloDefinition> slos = parser.document(root, origin);
        parser.throwIfProblems(source);
        return slos;
    }

    /**
     * Parses one SLO (an API body). {@code fallbackId}, when not null, is the id to use when the
     * body names none (a PUT to {@code /slos/{id}}).
     *
     * @throws SloValidationException listing every problem
     */
    public static SloDefinition parseOne(Object root, String fallbackId, String origin) {
        SloSpecParser parser = new SloSpecParser(path -> 0);
        SloDefinition slo = parser.slo(root, "", fallbackId, origin);
        parser.throwIfProblems(null);
        return slo;
    }

    private void throwIfProblems(String source) {
        if (!problems.isEmpty()) {
            throw new SloValidationException(source, problems);
        }
    }

    private List<SloDefinition> document(Object root, String origin) {
        Object list = root;
        String prefix = "";
        if (root instanceof Map<?, ?> map) {
            unknownKeys(map, Set.of("slos"), "");
            list = map.get("slos");
            prefix = "slos";
            if (list == null) {
                problem("slos", "is required: a list of SLOs");
                return List.of();
            }
        } else if (root == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            problem(prefix.isEmpty() ? "(document)" : prefix, "must be a list of SLOs");
            return List.of();
        }
        List<SloDefinition> slos = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = prefix + "[" + i + "]";
            SloDefinition slo = slo(items.get(i), path, null, origin);
            if (slo != null) {
                String earlier = seen.putIfAbsent(slo.id(), path);
                if (earlier != null) {
                    problem(path + ".id", "'" + slo.id() + "' is already the id of " + where(earlier));
                } else {
                    slos.add(slo);
                }
            }
        }
        return slos;
    }

    private SloDefinition slo(Object node, String path, String fallbackId, String origin) {
        if (!(node instanceof Map<?, ?> map)) {
            problem(path.isEmpty() ? "(body)" : path, "must be a map with name, service, indicator, target and window");
            return null;
        }
        int before = problems.size();
        unknownKeys(map, SLO_KEYS, path);
        String name = string(map, "name", path, true);
        String id = string(map, "id", path, false);
        if (id == null) {
            id = fallbackId != null ? fallbackId : name == null ? null : slug(name);
        }
        if (id != null && !ID.matcher(id).matches()) {
            problem(field(path, "id"), "'" + id + "' is not a valid id: lower-case letters, digits, '.', '_' and '-', at most 128");
        }
        String service = string(map, "service", path, false);
        String endpoint = string(map, "endpoint", path, false);
        Indicator indicator = indicator(map.get("indicator"), field(path, "indicator"));
        if (indicator != null && !(indicator instanceof Indicator.MetricRatio) && service == null) {
            problem(field(path, "service"), "is required for an indicator computed from request events");
        }
        Double target = number(map, "target", path, true);
        if (target != null && !(target > 0 && target < 100)) {
            problem(field(path, "target"), "must be a percentage strictly between 0 and 100, e.g. 99.9; got " + target);
        }
        Duration window = duration(map, "window", path);
        if (window == null && !map.containsKey("window")) {
            window = Duration.ofDays(30);
        }
        if (window != null && (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0)) {
            problem(field(path, "window"), "must be between 1h and 400d, got " + SloDurations.format(window));
        }
        BurnRatePolicy policy = policy(map.get("alerting"), field(path, "alerting"));
        if (problems.size() > before || id == null || name == null || indicator == null || target == null || window == null
                || policy == null) {
            return null;
        }
        return new SloDefinition(id, name, service, endpoint, indicator, target, window, policy, origin);
    }

    private Indicator indicator(Object node, String path) {
        if (node == null) {
            problem(path, "is required, e.g. {type: availability}");
            return null;
        }
        if (!(node instanceof Map<?, ?> map)) {
            problem(path, "must be a map with type (availability or latency) and source (events or metrics)");
            return null;
        }
        unknownKeys(map, INDICATOR_KEYS, path);
        String type = string(map, "type", path, true);
        if (type != null && !type.equals("availability") && !type.equals("latency")) {
            problem(field(path, "type"), "'" + type + "' is not an indicator type; use availability or latency");
            return null;
        }
        String source = string(map, "source", path, false);
        source = source == null ? "events" : source.toLowerCase(Locale.ROOT);
        if (type == null) {
            return null;
        }
        switch (source) {
            case "events" -> {
                if (map.containsKey("good") || map.containsKey("total")) {
                    problem(field(path, map.containsKey("good") ? "good" : "total"), "is only for source: metrics");
                }
                if (type.equals("availability")) {
                    if (map.containsKey("threshold")) {
                        problem(field(path, "threshold"), "is only for latency indicators");
                    }
                    return new Indicator.Availability();
                }
                Duration threshold = duration(map, "threshold", path);
                if (threshold == null) {
                    if (!map.containsKey("threshold")) {
                        problem(field(path, "threshold"), "is required for a latency indicator, e.g. 300ms");
                    }
                    return null;
                }
                if (threshold.isZero()) {
                    problem(field(path, "threshold"), "must be positive");
                    return null;
                }
                return new Indicator.Latency(threshold);
            }
            case "metrics" -> {
                String good = selector(map, "good", path);
                String total = selector(map, "total", path);
                if (map.containsKey("threshold")) {
                    problem(field(path, "threshold"), "is not used with source: metrics (the good counter says what is fast enough)");
                }
                return good == null || total == null ? null : new Indicator.MetricRatio(type, good, total);
            }
            default -> {
                problem(field(path, "source"), "'" + source + "' is not a source; use events or metrics");
                return null;
            }
        }
    }

    private String selector(Map<?, ?> map, String key, String path) {
        String text = string(map, key, path, true);
        if (text == null) {
            return null;
        }
        try {
            SeriesSelector.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            problem(field(path, key), e.getMessage());
            return null;
        }
    }

    private BurnRatePolicy policy(Object node, String path) {
        if (node == null) {
            return BurnRatePolicy.standard();
        }
        if (!(node instanceof Map<?, ?> map)) {
            problem(path, "must be a map with rules (and optionally hysteresis)");
            return null;
        }
        unknownKeys(map, ALERTING_KEYS, path);
        Double hysteresis = number(map, "hysteresis", path, false);
        if (hysteresis != null && !(hysteresis > 0 && hysteresis <= 1)) {
            problem(field(path, "hysteresis"), "must be in (0, 1], got " + hysteresis);
            return null;
        }
        double h = hysteresis == null ? BurnRatePolicy.DEFAULT_HYSTERESIS : hysteresis;
        Object rulesNode = map.get("rules");
        if (rulesNode == null) {
            return new BurnRatePolicy(BurnRatePolicy.standard().rules(), h);
        }
        if (!(rulesNode instanceof List<?> list)) {
            problem(field(path, "rules"), "must be a list of {severity, long, short, burn}");
            return null;
        }
        List<BurnRateRule> rules = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            String rulePath = field(path, "rules") + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> rule)) {
                problem(rulePath, "must be a map {severity, long, short, burn}");
                ok = false;
                continue;
            }
            unknownKeys(rule, RULE_KEYS, rulePath);
            String severityText = string(rule, "severity", rulePath, true);
            Severity severity = null;
            if (severityText != null) {
                try {
                    severity = Severity.parse(severityText);
                } catch (IllegalArgumentException e) {
                    problem(field(rulePath, "severity"), e.getMessage());
                }
            }
            Duration longWindow = duration(rule, "long", rulePath);
            Duration shortWindow = duration(rule, "short", rulePath);
            Double burn = number(rule, "burn", rulePath, true);
            if (longWindow == null && !rule.containsKey("long")) {
                problem(field(rulePath, "long"), "is required, e.g. 1h");
            }
            if (shortWindow == null && !rule.containsKey("short")) {
                problem(field(rulePath, "short"), "is required, e.g. 5m");
            }
            if (severity == null || longWindow == null || shortWindow == null || burn == null) {
                ok = false;
                continue;
            }
            try {
                rules.add(new BurnRateRule(severity, longWindow, shortWindow, burn));
            } catch (IllegalArgumentException e) {
                problem(rulePath, e.getMessage());
                ok = false;
            }
        }
        return ok ? new BurnRatePolicy(rules, h) : null;
    }

    private String string(Map<?, ?> map, String key, String path, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                problem(field(path, key), "is required");
            }
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problem(field(path, key), "must be a single value, not a " + (value instanceof Map ? "map" : "list"));
            return null;
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            if (required) {
                problem(field(path, key), "must not be empty");
            }
            return null;
        }
        return text;
    }

    private Double number(Map<?, ?> map, String key, String path, boolean required) {
        Object value = map.get(key);
        String text = string(map, key, path, required);
        if (text == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            double parsed = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(field(path, key), "'" + text + "' is not a number");
        return null;
    }

    private Duration duration(Map<?, ?> map, String key, String path) {
        String text = string(map, key, path, false);
        if (text == null) {
            return null;
        }
        try {
            return SloDurations.parse(text);
        } catch (IllegalArgumentException e) {
            problem(field(path, key), e.getMessage());
            return null;
        }
    }

    private void unknownKeys(Map<?, ?> map, Set<String> known, String path) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem(field(path, String.valueOf(key)), "unknown field; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private void problem(String path, String message) {
        problems.add(new SloValidationException.Problem(path, lines.applyAsInt(path), message));
    }

    private String where(String path) {
        int line = lines.applyAsInt(path);
        return path + (line > 0 ? " (line " + line + ")" : "");
    }

    private static String field(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code "Checkout API availability"} → {@code "checkout-api-availability"}. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 128 ? slug.substring(0, 128) : slug;
    }

    /** The plain tree of a definition, as {@link #parseOne} reads it back (persistence and API answers). */
    public static Map<String, Object> toTree(SloDefinition slo) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", slo.id());
        tree.put("name", slo.name());
        if (slo.service() != null) {
            tree.put("service", slo.service());
        }
        if (slo.endpoint() != null) {
            tree.put("endpoint", slo.endpoint());
        }
        Map<String, Object> indicator = new LinkedHashMap<>();
        indicator.put("type", slo.indicator().type());
        if (slo.indicator() instanceof Indicator.Latency latency) {
            indicator.put("source", "events");
            indicator.put("threshold", SloDurations.format(latency.threshold()));
        } else if (slo.indicator() instanceof Indicator.MetricRatio ratio) {
            indicator.put("source", "metrics");
            indicator.put("good", ratio.good());
            indicator.put("total", ratio.total());
        } else {
            indicator.put("source", "events");
        }
        tree.put("indicator", indicator);
        tree.put("target", slo.target());
        tree.put("window", SloDurations.format(slo.window()));
        Map<String, Object> alerting = new LinkedHashMap<>();
        alerting.put("hysteresis", slo.policy().hysteresis());
        List<Object> rules = new ArrayList<>();
        for (BurnRateRule rule : slo.policy().rules()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("severity", rule.severity().label());
            row.put("long", SloDurations.format(rule.longWindow()));
            row.put("short", SloDurations.format(rule.shortWindow()));
            row.put("burn", rule.threshold());
            rules.add(row);
        }
        alerting.put("rules", rules);
        tree.put("alerting", alerting);
        return tree;
    }
}
