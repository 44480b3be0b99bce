package dev.vigil.rca.alerts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The alerting configuration file (YAML): evaluation interval, grouping, flap detection, rules,
 * and the notification targets (kept unparsed here: the api module reads them).
 *
 * <pre>
 * evaluation_interval: 30s
 * resolved_retention: 15m
 * grouping: {group_by: [alertname, service], group_wait: 30s, group_interval: 5m, repeat_interval: 4h}
 * flapping: {window: 30m, start_changes: 4, stop_changes: 1}
 * rules:
 *   - {name: CheckoutErrors, type: threshold, service: checkout, stat: error_rate, window: 5m, op: ">", value: 0.05, for: 2m}
 * notifications:
 *   - {type: webhook, url: "http://hooks.internal/vigil"}
 * </pre>
 *
 * @param interval          how often rules are evaluated
 * @param resolvedRetention how long resolved alerts stay listed
 * @param grouping          grouping of notifications
 * @param flapping          flap detection
 * @param rules             the file's rules
 * @param notifications     the file's {@code notifications} list as parsed YAML (maps), empty when absent
 */
public record AlertingConfig(Duration interval, Duration resolvedRetention, GroupingSettings grouping, FlapSettings flapping,
                             List<AlertRule> rules, List<Object> notifications) {
    public AlertingConfig {
        rules = List.copyOf(rules);
        notifications = List.copyOf(notifications);
    }

    public static AlertingConfig defaults() {
        return new AlertingConfig(Duration.ofSeconds(30), Duration.ofMinutes(15), GroupingSettings.defaults(), FlapSettings.defaults(),
                List.of(), List.of());
    }

    /** @throws RuleValidationException naming the field; YAML syntax errors name the line */
    public static AlertingConfig load(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (MarkedYAMLException e) {
            throw new RuleValidationException(file.toString(), "line " + (e.getProblemMark().getLine() + 1) + ", column "
                    + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return parse(document == null ? java.util.Map.of() : document);
        } catch (RuleValidationException e) {
            throw new RuleValidationException(file + ": " + e.field(), e.getMessage().substring(e.field().length() + 2));
        }
    }

    public static AlertingConfig parse(Object document) {
        SpecReader r = new SpecReader(document, "");
        AlertingConfig d = defaults();
        Duration interval = r.duration("evaluation_interval", d.interval());
        if (interval.toMillis() < 1000) {
            throw new RuleValidationException("evaluation_interval", "must be at least 1s");
        }
        Duration retention = r.duration("resolved_retention", d.resolvedRetention());
        GroupingSettings grouping = d.grouping();
        if (r.has("grouping")) {
            SpecReader g = new SpecReader(r.raw("grouping"), "grouping");
            grouping = new GroupingSettings(g.stringList("group_by", grouping.groupBy()), g.duration("group_wait", grouping.groupWait()),
                    g.duration("group_interval", grouping.groupInterval()), g.duration("repeat_interval", grouping.repeatInterval()));
            g.rejectUnknown("group_by, group_wait, group_interval, repeat_interval");
        }
        FlapSettings flapping = d.flapping();
        if (r.has("flapping")) {
            SpecReader f = new SpecReader(r.raw("flapping"), "flapping");
            flapping = new FlapSettings(f.duration("window", flapping.window()), f.integer("start_changes", flapping.startChanges(), 2, 1000),
                    f.integer("stop_changes", flapping.stopChanges(), 0, 999));
            f.rejectUnknown("window, start_changes, stop_changes");
        }
        List<AlertRule> rules = new ArrayList<>();
        Object rawRules = r.raw("rules");
        if (rawRules != null) {
            if (!(rawRules instanceof List<?> list)) {
                throw new RuleValidationException("rules", "must be a list of rules");
            }
            for (int i = 0; i < list.size(); i++) {
                rules.add(RuleParser.parse(list.get(i), "rules[" + i + "]", RuleStore.FILE));
            }
            RuleParser.requireUnique(rules, "rules");
        }
        Object rawTargets = r.raw("notifications");
        if (rawTargets != null && !(rawTargets instanceof List)) {
            throw new RuleValidationException("notifications", "must be a list of targets");
        }
        r.rejectUnknown("evaluation_interval, resolved_retention, grouping, flapping, rules, notifications");
        return new AlertingConfig(interval, retention, grouping, flapping, rules,
                rawTargets == null ? List.of() : new ArrayList<>((List<?>) rawTargets));
    }
}
