package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one span object; the accepted fields are documented on {@link NativeJsonDecoder}.
 * Stateless and thread-safe.
 */
final class SpanItemReader implements ItemReader<Span> {
    private static final long UNSET = Long.MIN_VALUE;

    @Override
    public Span read(JsonParser p, long receivedNanos) throws IOException {
        ClientSpellings spellings = new ClientSpellings();
        String traceId = null;
        String spanId = null;
        String parentSpanId = null;
        String service = null;
        String operation = null;
        long start = receivedNanos;
        long durationNs = UNSET;
        long durationMs = UNSET;
        long end = UNSET;
        String status = null;
        Map<String, String> attributes = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            switch (name) {
                case "trace_id", "traceId" -> {
                    traceId = JsonValues.text(p, name);
                    spellings.used("trace_id", name);
                }
                case "span_id", "spanId" -> {
                    spanId = JsonValues.text(p, name);
                    spellings.used("span_id", name);
                }
                case "parent_span_id", "parentSpanId", "parent_id" -> {
                    parentSpanId = JsonValues.text(p, name);
                    spellings.used("parent_span_id", name);
                }
                case "service" -> service = JsonValues.text(p, name);
                case "operation", "name" -> {
                    operation = JsonValues.text(p, name);
                    spellings.used("operation", name);
                }
                case "start", "timestamp" -> {
                    start = JsonValues.timestamp(p, name, start);
                    spellings.used("start", name);
                }
                case "duration_ns" -> durationNs = nanos(p, name);
                case "duration_ms" -> durationMs = millisAsNanos(p, name);
                case "end" -> end = JsonValues.timestamp(p, name, UNSET);
                case "status" -> status = JsonValues.text(p, name);
                case "attributes" -> {
                    attributes = attributes == null ? new HashMap<>() : attributes;
                    JsonValues.attributes(p, name, attributes);
                }
                default -> {
                    if (!name.equals(KindField.NAME) || !KindField.accept(p, EventKind.SPAN)) {
                        attributes = attributes == null ? new HashMap<>() : attributes;
                        JsonValues.flatten(p, name, attributes);
                    }
                }
            }
        }
        long duration;
        // The most precise form wins when a client sends several.
        if (durationNs != UNSET) {
            duration = durationNs;
        } else if (durationMs != UNSET) {
            duration = durationMs;
            spellings.used("duration_ns", "duration_ms");
        } else if (end != UNSET) {
            duration = end - start;
            spellings.used("duration_ns", "end");
        } else {
            throw new InvalidFieldException("duration_ns", "is required (or give duration_ms or end)");
        }
        try {
            return new Span(traceId, spanId, parentSpanId, service, operation, start, duration,
                    SpanStatus.parse(status), attributes);
        } catch (InvalidFieldException e) {
            throw spellings.respell(e);
        }
    }

    /** An integer, also as a string of digits since OTLP/JSON writes 64-bit integers as strings. */
    private static long nanos(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return UNSET;
        }
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING && JsonValues.isDigits(p.getText())) {
            try {
                return Long.parseLong(p.getText());
            } catch (NumberFormatException e) {
                // Too many digits; refused below like any other out-of-range value.
            }
        }
        throw new InvalidFieldException(field, "must be an integer number of nanoseconds");
    }

    private static long millisAsNanos(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        double millis;
        if (token == JsonToken.VALUE_NULL) {
            return UNSET;
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            millis = p.getDoubleValue();
        } else if (token == JsonToken.VALUE_STRING) {
            millis = SampleValues.parse(field, p.getText());
        } else {
            throw new InvalidFieldException(field, "must be a number of milliseconds, not " + JsonSupport.describe(token));
        }
        double nanos = millis * 1e6;
        if (!Double.isFinite(nanos) || Math.abs(nanos) >= 9.2e18) {
            throw new InvalidFieldException(field, "must be a finite number of milliseconds");
        }
        return Math.round(nanos);
    }
}
