package dev.vigil.rca.alerts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert rules: those of the configuration file (read-only here) and those created over the
 * API, kept in {@code rules.json} (rewritten whole on each change). Ids are unique across both.
 * Thread-safe (synchronized).
 */
public final class RuleStore {
    public static final String API = "api";
    public static final String FILE = "file";

    private final Path file;
    private final Map<String, AlertRule> rules = new LinkedHashMap<>();

    private RuleStore(Path file) {
        this.file = file;
    }

    /**
     * @param file      the API rules' file, or null to keep them in memory only
     * @param fromConfig the configuration file's rules
     * @throws AlertConflictException when a stored API rule has the id of a configuration rule
     */
    public static RuleStore open(Path file, List<AlertRule> fromConfig) {
        RuleStore store = new RuleStore(file);
        for (AlertRule rule : fromConfig) {
            store.rules.put(rule.id(), rule.withOrigin(FILE));
        }
        Object document = FileStore.read(file);
        if (document instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                AlertRule rule = RuleParser.parse(list.get(i), file + ": [" + i + "]", API);
                if (store.rules.containsKey(rule.id())) {
                    throw new AlertConflictException(file + ": rule '" + rule.id() + "' is also defined in the alerting configuration file");
                }
                store.rules.put(rule.id(), rule);
            }
        }
        return store;
    }

    public synchronized List<AlertRule> all() {
        return new ArrayList<>(rules.values());
    }

    public synchronized Optional<AlertRule> get(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /** @throws AlertConflictException when the id is taken */
    public synchronized AlertRule create(Object spec) {
        AlertRule rule = RuleParser.parse(spec, "", API);
        if (rules.containsKey(rule.id())) {
            throw new AlertConflictException("a rule with id '" + rule.id() + "' exists; PUT /api/v1/alert-rules/" + rule.id()
                    + " changes it");
        }
        rules.put(rule.id(), rule);
        save();
        return rule;
    }

    /**
     * Replaces an API rule; the body's id, if any, must be the path's.
     *
     * @return empty when no rule has the id
     * @throws AlertConflictException when the rule comes from the configuration file
     */
    public synchronized Optional<AlertRule> replace(String id, Object spec) {
        AlertRule old = rules.get(id);
        if (old == null) {
            return Optional.empty();
        }
        requireApi(old);
        Map<String, Object> withId = new LinkedHashMap<>();
        if (spec instanceof Map<?, ?> map) {
            map.forEach((k, v) -> withId.put(String.valueOf(k), v));
        }
        Object given = withId.putIfAbsent("id", id);
        if (given != null && !id.equals(String.valueOf(given))) {
            throw new RuleValidationException("id", "'" + given + "' differs from the rule id in the path, '" + id + "'");
        }
        AlertRule rule = RuleParser.parse(spec instanceof Map ? withId : spec, "", API);
        rules.put(id, rule);
        save();
        return Optional.of(rule);
    }

    /** @return false when no rule has the id */
    public synchronized boolean delete(String id) {
        AlertRule old = rules.get(id);
        if (old == null) {
            return false;
        }
        requireApi(old);
        rules.remove(id);
        save();
        return true;
    }

    private static void requireApi(AlertRule rule) {
        if (!API.equals(rule.origin())) {
            throw new AlertConflictException("rule '" + rule.id() + "' is defined in the alerting configuration file; change it there");
        }
    }

    private void save() {
        List<Object> document = new ArrayList<>();
        for (AlertRule rule : rules.values()) {
            if (API.equals(rule.origin())) {
                document.add(rule.fields());
            }
        }
        FileStore.write(file, document);
    }
}
