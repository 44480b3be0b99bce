package dev.vigil.api.probes;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

import dev.vigil.analytics.slo.SloDurations;
import dev.vigil.analytics.slo.YamlTree;

/**
 * Reads probe definitions from their plain tree (YAML or JSON), collecting every problem with its
 * field and line. The format, one probe:
 * <pre>{@code
 * name: shop-home
 * type: https                 # http, https or tcp
 * target: https://shop.example/health   # or host:port for tcp
 * interval: 30s               # default 30s, at least 1s
 * timeout: 5s                 # default 5s, less than the interval
 * expect_status: 200-399      # default 200-399; or one status
 * body_contains: ok           # optional
 * tls: {ca_file: /etc/vigil/ca.pem}   # or {trust_all: true}
 * sla: 99.9                   # optional, percent
 * }</pre>
 * Stateless and thread-safe.
 */
public final class ProbeSpecParser {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Set<String> KEYS = Set.of("name", "type", "target", "interval", "timeout", "expect_status", "body_contains",
            "tls", "sla");
    private static final Set<String> TLS_KEYS = Set.of("trust_all", "ca_file");
    private static final Pattern STATUS_RANGE = Pattern.compile("\\s*(\\d{3})\\s*(?:-\\s*(\\d{3})\\s*)?");

    private final ToIntFunction<String> lines;
    private final List<String> problems = new ArrayList<>();

    private ProbeSpecParser(ToIntFunction<String> lines) {
        this.lines = lines;
    }

    /** Probes of a YAML file: a map with a {@code probes} list, or a list. */
    public static List<ProbeDefinition> readYaml(String text, String source, String origin) {
        YamlTree tree;
        try {
            tree = YamlTree.parse(text);
        } catch (YamlTree.SyntaxException e) {
            throw new ProbeSpecException(source, List.of(e.getMessage()));
        }
        ProbeSpecParser parser = new ProbeSpecParser(tree::line);
        List<ProbeDefinition> probes = parser.document(tree.root(), origin);
        if (!parser.problems.isEmpty()) {
            throw new ProbeSpecException(source, parser.problems);
        }
        return probes;
    }

    /** One probe of an API body (a JSON object as maps and lists). */
    public static ProbeDefinition parseOne(Object root, String origin) {
        ProbeSpecParser parser = new ProbeSpecParser(path -> 0);
        ProbeDefinition probe = parser.probe(root, "", origin);
        if (!parser.problems.isEmpty()) {
            throw new ProbeSpecException(null, parser.problems);
        }
        return probe;
    }

    private List<ProbeDefinition> document(Object root, String origin) {
        Object list = root;
        String prefix = "";
        if (root == null) {
            return List.of();
        }
        if (root instanceof Map<?, ?> map) {
            unknown(map, Set.of("probes"), "");
            list = map.get("probes");
            prefix = "probes";
        }
        if (!(list instanceof List<?> items)) {
            problem(prefix.isEmpty() ? "(document)" : prefix, "must be a list of probes");
            return List.of();
        }
        List<ProbeDefinition> probes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = prefix + "[" + i + "]";
            ProbeDefinition probe = probe(items.get(i), path, origin);
            if (probe != null) {
                String earlier = seen.putIfAbsent(probe.name(), path);
                if (earlier != null) {
                    problem(path + ".name", "'" + probe.name() + "' is already the name of " + earlier
                            + (lines.applyAsInt(earlier) > 0 ? " (line " + lines.applyAsInt(earlier) + ")" : ""));
                } else {
                    probes.add(probe);
                }
            }
        }
        return probes;
    }

    private ProbeDefinition probe(Object node, String path, String origin) {
        if (!(node instanceof Map<?, ?> map)) {
            problem(path.isEmpty() ? "(body)" : path, "must be a map with name, type and target");
            return null;
        }
        int before = problems.size();
        unknown(map, KEYS, path);
        String name = string(map, "name", path, true);
        if (name != null && !NAME.matcher(name).matches()) {
            problem(field(path, "name"), "'" + name + "' is not a valid name: lower-case letters, digits, '.', '_' and '-'");
        }
        ProbeType type = null;
        String typeText = string(map, "type", path, true);
        if (typeText != null) {
            try {
                type = ProbeType.parse(typeText);
            } catch (IllegalArgumentException e) {
                problem(field(path, "type"), e.getMessage());
            }
        }
        String target = string(map, "target", path, true);
        if (target != null && type != null) {
            checkTarget(type, target, field(path, "target"));
        }
        Duration interval = duration(map, "interval", path, Duration.ofSeconds(30));
        Duration timeout = duration(map, "timeout", path, Duration.ofSeconds(5));
        if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0) {
            problem(field(path, "interval"), "must be at least 1s");
        }
        if (interval != null && timeout != null && (timeout.isZero() || timeout.compareTo(interval) >= 0)) {
            problem(field(path, "timeout"), "must be positive and shorter than the interval (" + SloDurations.format(interval) + ")");
        }
        int[] status = {200, 399};
        String statusText = string(map, "expect_status", path, false);
        if (statusText != null) {
            var matcher = STATUS_RANGE.matcher(statusText.replace(".0", ""));
            if (!matcher.matches()) {
                problem(field(path, "expect_status"), "'" + statusText + "' is not a status or range; write e.g. 200 or 200-399");
            } else {
                status[0] = Integer.parseInt(matcher.group(1));
                status[1] = matcher.group(2) == null ? status[0] : Integer.parseInt(matcher.group(2));
                if (status[1] < status[0]) {
                    problem(field(path, "expect_status"), "range ends before it starts");
                }
            }
        }
        String body = string(map, "body_contains", path, false);
        boolean trustAll = false;
        String caFile = null;
        Object tls = map.get("tls");
        if (tls != null) {
            if (!(tls instanceof Map<?, ?> tlsMap)) {
                problem(field(path, "tls"), "must be a map with trust_all or ca_file");
            } else {
                unknown(tlsMap, TLS_KEYS, field(path, "tls"));
                String trust = string(tlsMap, "trust_all", field(path, "tls"), false);
                trustAll = trust != null && (trust.equalsIgnoreCase("true") || trust.equalsIgnoreCase("yes"));
                if (trust != null && !trustAll && !trust.equalsIgnoreCase("false") && !trust.equalsIgnoreCase("no")) {
                    problem(field(path, "tls.trust_all"), "must be true or false");
                }
                caFile = string(tlsMap, "ca_file", field(path, "tls"), false);
                if (trustAll && caFile != null) {
                    problem(field(path, "tls"), "trust_all and ca_file exclude each other");
                }
            }
            if (type != null && type != ProbeType.HTTPS) {
                problem(field(path, "tls"), "is only for https probes");
            }
        }
        double sla = Double.NaN;
        String slaText = string(map, "sla", path, false);
        if (slaText != null) {
            try {
                sla = Double.parseDouble(slaText.endsWith("%") ? slaText.substring(0, slaText.length() - 1) : slaText);
                if (!(sla > 0 && sla <= 100)) {
                    problem(field(path, "sla"), "must be a percentage in (0, 100], got " + slaText);
                }
            } catch (NumberFormatException e) {
                problem(field(path, "sla"), "'" + slaText + "' is not a number");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ProbeDefinition(name, type, target, interval, timeout, status[0], status[1], body, trustAll, caFile, sla, origin);
    }

    private void checkTarget(ProbeType type, String target, String path) {
        if (type == ProbeType.TCP) {
            int colon = target.lastIndexOf(':');
            try {
                int port = Integer.parseInt(target.substring(colon + 1));
                if (colon <= 0 || port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
            } catch (RuntimeException e) {
                problem(path, "'" + target + "' is not host:port");
            }
            return;
        }
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || !scheme.equalsIgnoreCase(type.label())) {
                problem(path, "'" + target + "' is not an absolute " + type.label() + ":// URL");
            }
        } catch (java.net.URISyntaxException e) {
            problem(path, "'" + target + "' is not a URL: " + e.getReason());
        }
    }

    private String string(Map<?, ?> map, String key, String path, boolean required) {
        Object value = map.get(key);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) {
                problem(field(path, key), "is required");
            }
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problem(field(path, key), "must be a single value");
            return null;
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value).trim();
    }

    private Duration duration(Map<?, ?> map, String key, String path, Duration fallback) {
        String text = string(map, key, path, false);
        if (text == null) {
            return fallback;
        }
        try {
            return SloDurations.parse(text);
        } catch (IllegalArgumentException e) {
            problem(field(path, key), e.getMessage());
            return null;
        }
    }

    private void unknown(Map<?, ?> map, Set<String> known, String path) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problem(field(path, String.valueOf(key)), "unknown field; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private void problem(String path, String message) {
        int line = lines.applyAsInt(path);
        problems.add(path + (line > 0 ? " (line " + line + ")" : "") + ": " + message);
    }

    private static String field(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The plain tree {@link #parseOne} reads back (persistence and API answers). */
    public static Map<String, Object> toTree(ProbeDefinition probe) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", probe.name());
        tree.put("type", probe.type().label());
        tree.put("target", probe.target());
        tree.put("interval", SloDurations.format(probe.interval()));
        tree.put("timeout", SloDurations.format(probe.timeout()));
        if (probe.type() != ProbeType.TCP) {
            tree.put("expect_status", probe.statusMin() == probe.statusMax() ? Integer.toString(probe.statusMin())
                    : probe.statusMin() + "-" + probe.statusMax());
        }
        if (probe.bodyContains() != null) {
            tree.put("body_contains", probe.bodyContains());
        }
        if (probe.trustAll() || probe.caFile() != null) {
            Map<String, Object> tls = new LinkedHashMap<>();
            if (probe.trustAll()) {
                tls.put("trust_all", true);
            }
            if (probe.caFile() != null) {
                tls.put("ca_file", probe.caFile());
            }
            tree.put("tls", tls);
        }
        if (!Double.isNaN(probe.slaPercent())) {
            tree.put("sla", probe.slaPercent());
        }
        return tree;
    }
}
