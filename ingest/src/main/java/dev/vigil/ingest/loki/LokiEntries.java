package dev.vigil.ingest.loki;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;

/**
 * Collects the streams of one push request, checks the limits and maps every entry to a
 * {@link LogEvent}, recording errors by stream and entry. One instance per request; not
 * thread-safe.
 */
final class LokiEntries {
    /** One entry as read from the wire; {@code nanos <= 0} when its timestamp was already refused. */
    record Raw(int index, long nanos, String line, Map<String, String> metadata) {
    }

    private static final String[] SERVICE_LABELS = {"service_name", "service", "app", "job"};
    private static final String[] HOST_LABELS = {"host", "hostname", "instance"};
    private static final String[] LEVEL_KEYS = {"level", "severity", "detected_level"};

    private final String tenant;
    private final IngestLimits limits;
    private final List<LogEvent> events = new ArrayList<>();
    private final List<LokiError> errors = new ArrayList<>();
    private int errorCount;
    private int entries;

    LokiEntries(String tenant, IngestLimits limits) {
        this.limits = limits;
        this.tenant = tenant == null || tenant.isEmpty() ? null : tenant;
        if (this.tenant != null) {
            checkTenant(this.tenant);
        }
    }

    private void checkTenant(String value) {
        if (value.length() > LokiPushDecoder.MAX_TENANT) {
            error(-1, -1, "X-Scope-OrgID", "is longer than the limit of " + LokiPushDecoder.MAX_TENANT + " characters");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                error(-1, -1, "X-Scope-OrgID", "must not contain control characters");
                return;
            }
        }
    }

    void error(int stream, int entry, String field, String message) {
        errorCount++;
        if (errors.size() < LokiDecoded.MAX_ERRORS) {
            errors.add(new LokiError(stream, entry, field, message));
        }
    }

    boolean failed() {
        return errorCount > 0;
    }

    void countEntry() {
        entries++;
    }

    /**
     * Checks a stream's labels against the limits.
     *
     * @return true when they may be used
     */
    boolean checkLabels(int stream, Map<String, String> labels) {
        if (labels.isEmpty()) {
            error(stream, -1, "labels", "at least one label is required per stream, e.g. {app=\"api\"}");
            return false;
        }
        if (labels.size() > limits.labels()) {
            error(stream, -1, "labels", labels.size() + " labels exceed the limit of " + limits.labels() + " labels per stream (setting "
                    + IngestLimits.LABELS_SETTING + ")");
            return false;
        }
        boolean ok = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String name = label.getKey();
            if (!LokiLabels.validName(name)) {
                error(stream, -1, "labels", "label name '" + clip(name) + "' is invalid; names match [a-zA-Z_][a-zA-Z0-9_]*");
                ok = false;
            } else if (name.length() > LokiPushDecoder.MAX_LABEL_NAME) {
                error(stream, -1, "labels", "label name '" + clip(name) + "' is longer than the limit of "
                        + LokiPushDecoder.MAX_LABEL_NAME + " characters");
                ok = false;
            } else if (label.getValue().length() > limits.labelValueLength()) {
                error(stream, -1, "labels." + name, "value is " + label.getValue().length()
                        + " characters, longer than the label value limit of " + limits.labelValueLength() + " (setting "
                        + IngestLimits.LABEL_VALUE_SETTING + ")");
                ok = false;
            }
        }
        return ok;
    }

    /** Maps one stream's entries; {@code labels} is null when they were refused (entries are then only counted). */
    void stream(int stream, Map<String, String> labels, List<Raw> raws) {
        if (labels == null) {
            return;
        }
        String serviceKey = first(labels, SERVICE_LABELS);
        String hostKey = first(labels, HOST_LABELS);
        for (Raw raw : raws) {
            entry(stream, labels, serviceKey, hostKey, raw);
        }
    }

    private void entry(int stream, Map<String, String> labels, String serviceKey, String hostKey, Raw raw) {
        int entry = raw.index();
        if (raw.line() == null) {
            error(stream, entry, "line", "is required");
            return;
        }
        if (raw.line().length() > limits.lineLength()) {
            error(stream, entry, "line", "is " + raw.line().length() + " characters, longer than the line limit of "
                    + limits.lineLength() + " (setting " + IngestLimits.LINE_SETTING + ")");
            return;
        }
        Map<String, String> metadata = raw.metadata();
        if (metadata.size() > LokiPushDecoder.MAX_METADATA) {
            error(stream, entry, "structuredMetadata", metadata.size() + " entries exceed the limit of "
                    + LokiPushDecoder.MAX_METADATA + " structured metadata entries per line");
            return;
        }
        for (Map.Entry<String, String> pair : metadata.entrySet()) {
            if (pair.getKey().isEmpty()) {
                error(stream, entry, "structuredMetadata", "names must not be empty");
                return;
            }
            if (pair.getKey().length() > LokiPushDecoder.MAX_LABEL_NAME) {
                error(stream, entry, "structuredMetadata", "name '" + clip(pair.getKey()) + "' is longer than the limit of "
                        + LokiPushDecoder.MAX_LABEL_NAME + " characters");
                return;
            }
            if (pair.getValue().length() > LokiPushDecoder.MAX_METADATA_VALUE) {
                error(stream, entry, "structuredMetadata." + pair.getKey(), "value is " + pair.getValue().length()
                        + " characters, longer than the structured metadata value limit of " + LokiPushDecoder.MAX_METADATA_VALUE);
                return;
            }
        }
        if (raw.nanos() <= 0) {
            return; // already reported
        }
        // LogEvent sorts (copies) its attributes itself; a hash map is the cheapest to gather them in.
        Map<String, String> attributes = new HashMap<>((labels.size() + metadata.size() + 1) * 4 / 3 + 1);
        attributes.putAll(labels);
        attributes.putAll(metadata);
        if (tenant != null) {
            attributes.put("tenant", tenant);
        }
        String levelText = null;
        for (String key : LEVEL_KEYS) {
            levelText = labels.get(key);
            if (levelText != null) {
                break;
            }
        }
        if (levelText == null) {
            for (String key : LEVEL_KEYS) {
                levelText = metadata.get(key);
                if (levelText != null) {
                    break;
                }
            }
        }
        Level level;
        try {
            level = Level.parse(levelText);
        } catch (InvalidFieldException unknownWord) {
            level = Level.INFO; // e.g. detected_level="unknown": kept as an attribute
        }
        try {
            events.add(new LogEvent(raw.nanos(), serviceKey == null ? null : labels.get(serviceKey),
                    hostKey == null ? null : labels.get(hostKey), level, raw.line(), attributes));
        } catch (InvalidFieldException e) {
            String field = switch (e.field()) {
                case "service" -> "labels." + serviceKey;
                case "host" -> "labels." + hostKey;
                case "message" -> "line";
                default -> e.field().startsWith("attributes.") ? e.field().substring("attributes.".length()) : e.field();
            };
            error(stream, entry, field, e.reason());
        }
    }

    private static String first(Map<String, String> labels, String[] keys) {
        for (String key : keys) {
            String value = labels.get(key);
            if (value != null && !value.isEmpty()) {
                return key;
            }
        }
        return null;
    }

    static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    LokiDecoded result() {
        return new LokiDecoded(failed() ? List.of() : events, errors, errorCount, entries);
    }

    static Map<String, String> newMetadata() {
        return new LinkedHashMap<>();
    }
}
