package dev.vigil.ingest.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.Timestamps;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Writes events as JSON objects in the shape {@link NativeJsonDecoder} reads: {@code kind}
 * first, then the primary field names, timestamps as RFC 3339 strings with nanosecond precision.
 * Decoding the output gives back an equal event, so Vigil's answers can be re-posted as-is.
 * Optional fields that are absent ({@code null}) are left out; {@code attributes}/{@code labels}
 * are always written, possibly empty. Non-finite metric values are written as the strings
 * {@code "NaN"}, {@code "+Inf"} and {@code "-Inf"}, which JSON numbers cannot express.
 *
 * <p>Stateless and thread-safe; the generators passed in must not be shared.
 */
public final class EventJson {
    private EventJson() {
    }

    /** Writes {@code e} as one complete JSON object at the generator's current position. */
    public static void write(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", e.kind().label());
        switch (e.kind()) {
            case LOG -> log(g, (LogEvent) e);
            case METRIC -> metric(g, (MetricSample) e);
            case CHANGE -> change(g, (ChangeEvent) e);
            case SPAN -> span(g, (Span) e);
        }
        g.writeEndObject();
    }

    /** {@code e} as a compact JSON object. */
    public static String toJson(Event e) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            write(g, e);
        } catch (IOException ex) {
            // A StringWriter does no I/O.
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static void log(JsonGenerator g, LogEvent e) throws IOException {
        g.writeStringField("timestamp", Timestamps.format(e.timestampNanos()));
        g.writeStringField("service", e.service());
        optional(g, "host", e.host());
        g.writeStringField("level", e.level().name().toLowerCase(Locale.ROOT));
        g.writeStringField("message", e.message());
        map(g, "attributes", e.attributes());
    }

    private static void metric(JsonGenerator g, MetricSample e) throws IOException {
        g.writeStringField("name", e.name());
        map(g, "labels", e.labels());
        g.writeStringField("timestamp", Timestamps.format(e.timestampNanos()));
        String nonFinite = SampleValues.nonFiniteText(e.value());
        if (nonFinite != null) {
            g.writeStringField("value", nonFinite);
        } else {
            g.writeNumberField("value", e.value());
        }
    }

    private static void change(JsonGenerator g, ChangeEvent e) throws IOException {
        g.writeStringField("timestamp", Timestamps.format(e.timestampNanos()));
        g.writeStringField("type", e.type().label());
        g.writeStringField("service", e.service());
        optional(g, "version", e.version());
        optional(g, "environment", e.environment());
        optional(g, "strategy", e.strategy());
        g.writeStringField("status", e.status().label());
        optional(g, "description", e.description());
        map(g, "attributes", e.attributes());
    }

    private static void span(JsonGenerator g, Span e) throws IOException {
        g.writeStringField("trace_id", e.traceId());
        g.writeStringField("span_id", e.spanId());
        optional(g, "parent_span_id", e.parentSpanId());
        g.writeStringField("service", e.service());
        g.writeStringField("operation", e.operation());
        g.writeStringField("start", Timestamps.format(e.startNanos()));
        g.writeNumberField("duration_ns", e.durationNanos());
        g.writeStringField("status", e.status().label());
        map(g, "attributes", e.attributes());
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void map(JsonGenerator g, String field, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            g.writeStringField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }
}
