package dev.vigil.rca.incidents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.analytics.TimeRange;

/**
 * The JSON form of incidents: the same document on disk and over HTTP, so what the API shows is
 * what survives a restart. The analysis is embedded as the JSON object its {@link RcaEncoder}
 * wrote, untouched, so fields the analysis gains later flow through without changes here.
 *
 * <pre>{@code
 * {"format":1,"id":"20261102-k3f9qz","title":"…","status":"open","service":"payments",
 *  "origin":{"type":"manual"},"window":{"from":"…","to":"…"},"opened_at":"…","resolved_at":null,
 *  "top_cause":{"kind":"change","service":"payments","subject":"…","score":0.95},
 *  "rca":{…},"timeline":[{"at":"…","type":"change","service":"payments","summary":"…"}]}
 * }</pre>
 *
 * Thread-safe.
 */
public final class IncidentCodec {
    /** Bumped when a stored field changes meaning; readers refuse formats they do not know. */
    static final int FORMAT = 1;
    private static final JsonFactory JSON = new JsonFactory();

    private IncidentCodec() {
    }

    /** The whole incident, analysis and timeline included. */
    public static byte[] full(Incident incident) {
        return write(incident, true);
    }

    /** The incident without its analysis and timeline, for lists. */
    public static byte[] summary(Incident incident) {
        return write(incident, false);
    }

    /** Writes the fields of {@link #summary} into an open generator, as one JSON object. */
    public static void writeSummary(JsonGenerator g, Incident incident) throws IOException {
        g.writeStartObject();
        fields(g, incident);
        g.writeEndObject();
    }

    private static byte[] write(Incident incident, boolean full) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(full ? 8192 : 512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (full) {
                g.writeNumberField("format", FORMAT);
            }
            fields(g, incident);
            if (full) {
                g.writeFieldName("rca");
                if (incident.rca() == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(incident.rca());
                }
                g.writeArrayFieldStart("timeline");
                for (TimelineEntry entry : incident.timeline()) {
                    g.writeStartObject();
                    g.writeStringField("at", entry.at().toString());
                    g.writeStringField("type", entry.type().label());
                    if (entry.service() != null) {
                        g.writeStringField("service", entry.service());
                    }
                    g.writeStringField("summary", entry.summary());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void fields(JsonGenerator g, Incident incident) throws IOException {
        g.writeStringField("id", incident.id());
        g.writeStringField("title", incident.title());
        g.writeStringField("status", incident.status().label());
        g.writeStringField("service", incident.service());
        g.writeObjectFieldStart("origin");
        IncidentOrigin origin = incident.origin();
        g.writeStringField("type", origin.type());
        if (origin.isAlert()) {
            g.writeStringField("alert", origin.alert());
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> label : origin.labels().entrySet()) {
                g.writeStringField(label.getKey(), label.getValue());
            }
            g.writeEndObject();
            g.writeStringField("fired_at", origin.firedAt() == null ? null : origin.firedAt().toString());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("window");
        g.writeStringField("from", incident.window().from().toString());
        g.writeStringField("to", incident.window().to().toString());
        g.writeEndObject();
        g.writeStringField("opened_at", incident.openedAt().toString());
        g.writeStringField("resolved_at", incident.resolvedAt() == null ? null : incident.resolvedAt().toString());
        if (incident.topCause() == null) {
            g.writeNullField("top_cause");
        } else {
            TopCause top = incident.topCause();
            g.writeObjectFieldStart("top_cause");
            g.writeStringField("kind", top.kind());
            g.writeStringField("service", top.service());
            g.writeStringField("subject", top.subject());
            g.writeNumberField("score", top.score());
            g.writeEndObject();
        }
    }

    /**
     * Reads a document written by {@link #full}.
     *
     * @throws IllegalArgumentException when it is not one (malformed, missing fields, unknown format)
     */
    public static Incident read(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "document");
            Map<String, Object> fields = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "origin", "window", "top_cause" -> fields.put(name, value == JsonToken.VALUE_NULL ? null : object(p));
                    case "rca" -> fields.put(name, value == JsonToken.VALUE_NULL ? null : raw(p));
                    case "timeline" -> fields.put(name, timeline(p));
                    default -> fields.put(name, scalar(p));
                }
            }
            Object format = fields.get("format");
            if (!(format instanceof Number n) || n.intValue() != FORMAT) {
                throw new IllegalArgumentException("unknown incident format " + format + " (this version reads " + FORMAT + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> window = (Map<String, Object>) required(fields, "window");
            @SuppressWarnings("unchecked")
            Map<String, Object> origin = (Map<String, Object>) required(fields, "origin");
            @SuppressWarnings("unchecked")
            Map<String, Object> top = (Map<String, Object>) fields.get("top_cause");
            @SuppressWarnings("unchecked")
            List<TimelineEntry> timeline = (List<TimelineEntry>) required(fields, "timeline");
            return new Incident((String) required(fields, "id"), (String) required(fields, "title"), (String) fields.get("service"),
                    IncidentStatus.parse("status", (String) required(fields, "status")), origin(origin),
                    TimeRange.of(instant(window.get("from")), instant(window.get("to"))), instant(required(fields, "opened_at")),
                    fields.get("resolved_at") == null ? null : instant(fields.get("resolved_at")),
                    top == null ? null : new TopCause((String) top.get("kind"), (String) top.get("service"), (String) top.get("subject"),
                            ((Number) top.get("score")).doubleValue()),
                    (String) fields.get("rca"), timeline);
        } catch (IOException | ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("not an incident document: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static IncidentOrigin origin(Map<String, Object> origin) {
        if (!"alert".equals(origin.get("type"))) {
            return IncidentOrigin.MANUAL;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Object raw = origin.get("labels");
        if (raw != null) {
            ((Map<String, Object>) raw).forEach((k, v) -> labels.put(k, (String) v));
        }
        return IncidentOrigin.alert((String) origin.get("alert"), labels,
                origin.get("fired_at") == null ? null : instant(origin.get("fired_at")));
    }

    private static List<TimelineEntry> timeline(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY, "timeline");
        List<TimelineEntry> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Map<String, Object> entry = object(p);
            entries.add(new TimelineEntry(instant(entry.get("at")), TimelineEntry.Type.parse((String) entry.get("type")),
                    (String) entry.get("service"), (String) entry.get("summary")));
        }
        return entries;
    }

    /** A flat object of scalars (nested objects one level deep, as labels). */
    private static Map<String, Object> object(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, p.currentName());
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            out.put(name, value == JsonToken.START_OBJECT ? object(p) : scalar(p));
        }
        return out;
    }

    private static Object scalar(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> {
                p.skipChildren();
                yield null;
            }
        };
    }

    /** The current value re-serialized as compact JSON text. */
    private static String raw(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }

    private static Object required(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return value;
    }

    private static Instant instant(Object text) {
        return Instant.parse((String) text);
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + ": expected " + expected + ", found " + actual);
        }
    }
}
