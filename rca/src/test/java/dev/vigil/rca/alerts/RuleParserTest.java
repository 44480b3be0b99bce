package dev.vigil.rca.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Rule and configuration validation: every error names the field that is wrong. */
class RuleParserTest {
    @TempDir
    Path dir;

    private static RuleValidationException refused(String yaml) {
        return assertThrows(RuleValidationException.class, () -> RuleParser.parse(new Yaml().load(yaml), "rules[3]", "file"));
    }

    @Test
    void errorsNameTheField() {
        assertEquals("rules[3].name", refused("{type: threshold}").field());
        assertEquals("rules[3].type", refused("{name: x, type: gauge}").field());
        assertEquals("rules[3].window", refused("{name: x, type: threshold, stat: error_rate, value: 1, window: 5x}").field());
        assertEquals("rules[3].value", refused("{name: x, type: threshold, stat: error_rate}").field());
        assertEquals("rules[3].stat", refused("{name: x, type: threshold, stat: p42, value: 1}").field());
        assertEquals("rules[3].query", refused("{name: x, type: threshold, query: 'up{job=}', value: 1}").field());
        assertEquals("rules[3].op", refused("{name: x, type: threshold, stat: requests, op: '=>', value: 1}").field());
        assertEquals("rules[3].min_score", refused("{name: x, type: anomaly, min_score: 2}").field());
        assertEquals("rules[3].service", refused("{name: x, type: absence, window: 5m}").field());
        assertEquals("rules[3].mode", refused("{name: x, type: log_pattern, mode: rare}").field());
        assertEquals("rules[3].query", refused("{name: x, type: log_pattern, mode: count, query: 'level:(ERROR', value: 3}").field());
        assertEquals("rules[3].severity", refused("{name: x, type: burn_rate, severity: urgent}").field());
        assertEquals("rules[3].labels.alertname", refused("{name: x, type: burn_rate, labels: {alertname: y}}").field());
        assertEquals("rules[3].for", refused("{name: x, type: burn_rate, for: soon}").field());
        RuleValidationException unknown = refused("{name: x, type: burn_rate, treshold: 3}");
        assertEquals("rules[3].treshold", unknown.field());
        assertTrue(unknown.getMessage().contains("known here"), unknown.getMessage());
    }

    @Test
    void aRuleWritesBackAsItWasRead() {
        AlertRule rule = RuleParser.parse(new Yaml().load("{name: Checkout Errors, type: threshold, service: checkout, stat: error_rate,"
                + " window: 5m, op: '>=', value: 0.05, for: 2m, labels: {severity: page}, annotations: {summary: hi}, open_incident: true}"),
                "", "api");
        assertEquals("checkout-errors", rule.id(), "id from the name");
        assertEquals(Duration.ofMinutes(2), rule.forDuration());
        assertEquals(rule, RuleParser.parse(rule.fields(), "", "api"));
        assertEquals(rule, RuleParser.parse(JsonMaps.read(JsonMaps.write(rule.fields())), "", "api"));
    }

    @Test
    void configurationFileWithLineNumbersAndFieldPaths() throws Exception {
        Path file = dir.resolve("alerts.yaml");
        Files.writeString(file, """
                evaluation_interval: 15s
                grouping: {group_by: [alertname], group_wait: 10s, group_interval: 1m, repeat_interval: 1h}
                flapping: {window: 20m, start_changes: 6, stop_changes: 2}
                rules:
                  - {name: A, type: absence, service: billing, window: 10m}
                  - {name: B, type: burn_rate, severity: page}
                notifications:
                  - {type: webhook, url: "http://127.0.0.1:9/hook"}
                """);
        AlertingConfig config = AlertingConfig.load(file);
        assertEquals(Duration.ofSeconds(15), config.interval());
        assertEquals(6, config.flapping().startChanges());
        assertEquals(Duration.ofSeconds(10), config.grouping().groupWait());
        assertEquals(2, config.rules().size());
        assertEquals(1, config.notifications().size());
        Files.writeString(file, "rules:\n  - {name: A, type: absence, service: b}\n  - {name: A, type: absence, service: c}\n");
        RuleValidationException duplicate = assertThrows(RuleValidationException.class, () -> AlertingConfig.load(file));
        assertTrue(duplicate.field().endsWith("rules[1].id"), duplicate.getMessage());
        Files.writeString(file, "rules:\n  - {name: A, type: absence, service: b}\n  - {name: B, type: absence, service: [c\n");
        RuleValidationException syntax = assertThrows(RuleValidationException.class, () -> AlertingConfig.load(file));
        assertTrue(syntax.getMessage().contains("line "), syntax.getMessage());
        Files.writeString(file, "flapping: {window: 20m, start_changes: 3, stop_changes: 3}\n");
        assertTrue(assertThrows(RuleValidationException.class, () -> AlertingConfig.load(file)).getMessage().contains("stop_changes"));
        assertEquals(Map.of(), Map.of());
    }
}
