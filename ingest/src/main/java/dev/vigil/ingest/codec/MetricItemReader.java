package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.MetricSample;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one metric sample object; the accepted fields are documented on
 * {@link NativeJsonDecoder}. Stateless and thread-safe.
 *
 * <p>Unlike logs, unknown top-level fields are refused: a sample has no free-form part, and
 * silently dropping a misplaced label would merge series that should stay apart.
 */
final class MetricItemReader implements ItemReader<MetricSample> {

    @Override
    public MetricSample read(JsonParser p, long receivedNanos) throws IOException {
        ClientSpellings spellings = new ClientSpellings();
        String metric = null;
        Map<String, String> labels = null;
        long timestamp = receivedNanos;
        double value = 0;
        boolean hasValue = false;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "name", "__name__" -> {
                    metric = JsonValues.text(p, name);
                    spellings.used("name", name);
                }
                case "labels" -> labels = labels(p, name, labels);
                case "timestamp", "@timestamp", "ts", "time" -> {
                    timestamp = JsonValues.timestamp(p, name, timestamp);
                    spellings.used("timestamp", name);
                }
                case "value" -> {
                    hasValue = p.currentToken() != JsonToken.VALUE_NULL;
                    value = hasValue ? value(p, name) : 0;
                }
                default -> {
                    if (!name.equals(KindField.NAME) || !KindField.accept(p, EventKind.METRIC)) {
                        throw new InvalidFieldException(name, "is not a metric sample field; labels go inside \"labels\"");
                    }
                }
            }
        }
        if (!hasValue) {
            throw new InvalidFieldException("value", "is required");
        }
        try {
            return new MetricSample(metric, labels, timestamp, value);
        } catch (InvalidFieldException e) {
            throw spellings.respell(e);
        }
    }

    private static Map<String, String> labels(JsonParser p, String field, Map<String, String> labels) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return labels;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidFieldException(field, "must be an object of label names to values, not " + JsonSupport.describe(token));
        }
        Map<String, String> into = labels == null ? new HashMap<>() : labels;
        String label;
        while ((label = p.nextFieldName()) != null) {
            p.nextToken();
            String text = JsonValues.text(p, field + "." + label);
            if (text != null) {
                into.put(label, text);
            }
        }
        return into;
    }

    private static double value(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            // Prometheus' own JSON APIs send values as strings, so numeric strings are accepted too.
            case VALUE_STRING -> SampleValues.parse(field, p.getText());
            default -> throw new InvalidFieldException(field, "must be a number or one of \"NaN\", \"+Inf\", \"-Inf\", not "
                    + JsonSupport.describe(token));
        };
    }
}
