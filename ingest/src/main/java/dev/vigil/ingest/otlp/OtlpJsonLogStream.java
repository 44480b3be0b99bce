package dev.vigil.ingest.otlp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.logs.v1.SeverityNumber;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.LogEvent;

/**
 * The fast path for OTLP/JSON logs: reads the body with Jackson's streaming parser straight into
 * {@link LogEvent}s, without the generic tree, the protobuf messages or {@code BigDecimal}s that
 * {@link OtlpJson} goes through.
 *
 * <p>It handles only the shape exporters send (resource before its scopes, scope before its
 * records, no duplicate keys, 64-bit numbers as decimal digits, string/int/double/bool attribute
 * values) and only bodies in which every record is valid. For anything else — any error, any
 * rejection, any unusual spelling — it gives up with {@link #NOT_HANDLED}, and the caller decodes
 * the body again on the general path, which is the one that defines the behaviour (error messages,
 * partial rejections, edge cases). So this class must produce exactly what the general path would
 * for every body it accepts, and nothing for the others.
 *
 * <p>Stateless and thread-safe.
 */
final class OtlpJsonLogStream {
    /** Thrown (preallocated, no stack trace) when the body is not one this fast path handles. */
    static final RuntimeException NOT_HANDLED = new RuntimeException("not handled by the OTLP/JSON fast path", null, false, false) {
    };

    private OtlpJsonLogStream() {
    }

    /** The events of the body, or {@link #NOT_HANDLED} thrown. */
    static List<LogEvent> logs(byte[] body, long receivedNanos) {
        try (JsonParser p = JsonTree.FACTORY.createParser(body)) {
            expect(p.nextToken() == JsonToken.START_OBJECT);
            List<LogEvent> events = new ArrayList<>();
            boolean seen = false;
            String key;
            while ((key = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if (JsonTree.camel(key).equals("resourceLogs")) {
                    expect(!seen);
                    seen = true;
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            resourceLogs(p, events, receivedNanos);
                        }
                    } else {
                        expect(t == JsonToken.VALUE_NULL);
                    }
                } else {
                    scalar(t);
                }
            }
            expect(p.nextToken() == null);
            return events;
        } catch (IOException | OtlpFormatException | ItemRejectedException | InvalidFieldException e) {
            throw NOT_HANDLED;
        }
    }

    private static void resourceLogs(JsonParser p, List<LogEvent> events, long receivedNanos) throws IOException {
        expect(p.currentToken() == JsonToken.START_OBJECT);
        Map<String, String> resource = Map.of();
        int seen = 0;
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (JsonTree.camel(key)) {
                case "resource" -> {
                    seen = once(seen, 1);
                    expect((seen & 4) == 0); // scopes need the resource first
                    resource = new HashMap<>();
                    if (t == JsonToken.START_OBJECT) {
                        attributeHolder(p, resource, "", null);
                    } else {
                        expect(t == JsonToken.VALUE_NULL);
                    }
                }
                case "schemaUrl" -> {
                    seen = once(seen, 2);
                    string(p, t);
                }
                case "scopeLogs" -> {
                    seen = once(seen, 4);
                    if (t == JsonToken.START_ARRAY) {
                        String service = resource.get("service.name");
                        String host = resource.get("host.name");
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            scopeLogs(p, resource, service, host, events, receivedNanos);
                        }
                    } else {
                        expect(t == JsonToken.VALUE_NULL);
                    }
                }
                default -> scalar(t);
            }
        }
    }

    private static void scopeLogs(JsonParser p, Map<String, String> resource, String service, String host,
                                  List<LogEvent> events, long receivedNanos) throws IOException {
        expect(p.currentToken() == JsonToken.START_OBJECT);
        // The context every record of this scope gets: resource.*, scope.name/version, scope.*.
        Map<String, String> context = new HashMap<>();
        for (Map.Entry<String, String> e : resource.entrySet()) {
            context.putIfAbsent("resource." + e.getKey(), e.getValue());
        }
        int seen = 0;
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (JsonTree.camel(key)) {
                case "scope" -> {
                    seen = once(seen, 1);
                    expect((seen & 4) == 0); // records need the scope first
                    if (t == JsonToken.START_OBJECT) {
                        scope(p, context);
                    } else {
                        expect(t == JsonToken.VALUE_NULL);
                    }
                }
                case "schemaUrl" -> {
                    seen = once(seen, 2);
                    string(p, t);
                }
                case "logRecords" -> {
                    seen = once(seen, 4);
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            events.add(record(p, service, host, context, receivedNanos));
                        }
                    } else {
                        expect(t == JsonToken.VALUE_NULL);
                    }
                }
                default -> scalar(t);
            }
        }
    }

    /** The scope's name, version and attributes, in the order the general path adds them. */
    private static void scope(JsonParser p, Map<String, String> context) throws IOException {
        String name = "";
        String version = "";
        Map<String, String> attributes = new HashMap<>();
        List<String> order = new ArrayList<>();
        int seen = 0;
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (JsonTree.camel(key)) {
                case "name" -> {
                    seen = once(seen, 1);
                    name = string(p, t);
                }
                case "version" -> {
                    seen = once(seen, 2);
                    version = string(p, t);
                }
                case "attributes" -> {
                    seen = once(seen, 4);
                    attributes(p, t, attributes, "scope.", order);
                }
                case "droppedAttributesCount" -> {
                    seen = once(seen, 8);
                    int32(p, t);
                }
                default -> scalar(t);
            }
        }
        if (!name.isEmpty()) {
            context.putIfAbsent("scope.name", name);
        }
        if (!version.isEmpty()) {
            context.putIfAbsent("scope.version", version);
        }
        for (String k : order) {
            context.putIfAbsent(k, attributes.get(k));
        }
    }

    /** A resource: its attributes into {@code into} (first of a key wins), other fields checked. */
    private static void attributeHolder(JsonParser p, Map<String, String> into, String prefix, List<String> order)
            throws IOException {
        int seen = 0;
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (JsonTree.camel(key)) {
                case "attributes" -> {
                    seen = once(seen, 1);
                    attributes(p, t, into, prefix, order);
                }
                case "droppedAttributesCount" -> {
                    seen = once(seen, 2);
                    int32(p, t);
                }
                default -> scalar(t);
            }
        }
    }

    private static LogEvent record(JsonParser p, String service, String host, Map<String, String> context,
                                   long receivedNanos) throws IOException {
        expect(p.currentToken() == JsonToken.START_OBJECT);
        long time = 0;
        long observed = 0;
        int severity = 0;
        String severityText = "";
        String eventName = "";
        String traceId = null;
        String spanId = null;
        String message = "";
        Map<String, String> attributes = new HashMap<>();
        int seen = 0;
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (JsonTree.camel(key)) {
                case "timeUnixNano" -> {
                    seen = once(seen, 1);
                    time = uint63(p, t);
                }
                case "observedTimeUnixNano" -> {
                    seen = once(seen, 2);
                    observed = uint63(p, t);
                }
                case "severityNumber" -> {
                    seen = once(seen, 4);
                    severity = severity(p, t);
                }
                case "severityText" -> {
                    seen = once(seen, 8);
                    severityText = string(p, t);
                }
                case "droppedAttributesCount" -> {
                    seen = once(seen, 16);
                    int32(p, t);
                }
                case "flags" -> {
                    seen = once(seen, 32);
                    int32(p, t);
                }
                case "traceId" -> {
                    seen = once(seen, 64);
                    traceId = hexId(p, t, 16);
                }
                case "spanId" -> {
                    seen = once(seen, 128);
                    spanId = hexId(p, t, 8);
                }
                case "eventName" -> {
                    seen = once(seen, 256);
                    eventName = string(p, t);
                }
                case "body" -> {
                    seen = once(seen, 512);
                    if (t != JsonToken.VALUE_NULL) {
                        message = anyValue(p, t);
                    }
                }
                case "attributes" -> {
                    seen = once(seen, 1024);
                    attributes(p, t, attributes, "", null);
                }
                default -> scalar(t);
            }
        }
        for (Map.Entry<String, String> e : context.entrySet()) {
            attributes.putIfAbsent(e.getKey(), e.getValue());
        }
        if (traceId != null) {
            attributes.put("trace_id", traceId);
        }
        if (spanId != null) {
            attributes.put("span_id", spanId);
        }
        if (!severityText.isEmpty()) {
            attributes.putIfAbsent("severity_text", severityText);
        }
        if (!eventName.isEmpty()) {
            attributes.putIfAbsent("event_name", eventName);
        }
        long at = time != 0 ? time : observed != 0 ? observed : receivedNanos;
        return new LogEvent(at, service, host, OtlpDecoder.level(severity, severityText), message, attributes);
    }

    /**
     * A list of {@code {key, value}} into {@code into} under {@code prefix}, first of a key wins;
     * {@code order} (when given) receives the new keys in order.
     */
    private static void attributes(JsonParser p, JsonToken t, Map<String, String> into, String prefix, List<String> order)
            throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        expect(t == JsonToken.START_ARRAY);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken() == JsonToken.START_OBJECT);
            String name = null;
            String value = null;
            String key;
            while ((key = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                switch (JsonTree.camel(key)) {
                    case "key" -> {
                        expect(name == null);
                        name = string(p, v);
                    }
                    case "value" -> {
                        // a missing or null value is an unset AnyValue, written "null": rare, general path
                        expect(value == null && v == JsonToken.START_OBJECT);
                        value = anyValue(p, v);
                    }
                    default -> scalar(v);
                }
            }
            expect(value != null);
            if (name != null && !name.isEmpty()) {
                String k = prefix.isEmpty() ? name : prefix + name;
                if (into.putIfAbsent(k, value) == null && order != null) {
                    order.add(k);
                }
            }
        }
    }

    /**
     * An AnyValue with exactly one scalar member, as its text (see {@link OtlpDecoder#text}):
     * strings as they are, integers, doubles and booleans as JSON text. Anything else (arrays,
     * key-value lists, bytes, several members) is left to the general path.
     */
    private static String anyValue(JsonParser p, JsonToken t) throws IOException {
        expect(t == JsonToken.START_OBJECT);
        String key = p.nextFieldName();
        expect(key != null);
        JsonToken v = p.nextToken();
        String text = switch (JsonTree.camel(key)) {
            case "stringValue" -> {
                expect(v == JsonToken.VALUE_STRING);
                yield p.getText();
            }
            case "intValue" -> Long.toString(int63(p, v));
            case "doubleValue" -> doubleText(p, v);
            case "boolValue" -> {
                expect(v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE);
                yield v == JsonToken.VALUE_TRUE ? "true" : "false";
            }
            default -> throw NOT_HANDLED;
        };
        expect(p.nextToken() == JsonToken.END_OBJECT);
        return text;
    }

    /** As {@code OtlpDecoder.appendJson} writes a double, for the exactly representable cases only. */
    private static String doubleText(JsonParser p, JsonToken v) throws IOException {
        double d;
        if (v == JsonToken.VALUE_NUMBER_INT) {
            expect(p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG);
            long l = p.getLongValue();
            expect(Math.abs(l) < (1L << 53));
            d = l;
        } else {
            expect(v == JsonToken.VALUE_NUMBER_FLOAT);
            d = p.getDoubleValue();
            expect(Double.isFinite(d));
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** An int64 written as a JSON integer or a decimal string (optional minus, digits only, |v| < 2^63). */
    private static long int63(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            String s = p.getText();
            int n = s.length();
            int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
            expect(n - start >= 1 && n - start <= 19);
            long value = 0;
            for (int i = start; i < n; i++) {
                char c = s.charAt(i);
                expect(c >= '0' && c <= '9');
                value = value * 10 + (c - '0');
            }
            // 19 digits may pass 2^63 - 1; an 18-digit prefix times 10 plus a digit then wraps below zero
            expect(value >= 0);
            return start == 1 ? -value : value;
        }
        expect(v == JsonToken.VALUE_NUMBER_INT
                && (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG));
        return p.getLongValue();
    }

    /** A uint64 timestamp below 2^63 (larger ones are rejected by the general path); null is 0. */
    private static long uint63(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return 0;
        }
        long value = int63(p, v);
        expect(value >= 0);
        return value;
    }

    private static int severity(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (v == JsonToken.VALUE_STRING) {
            String s = p.getText();
            expect(!s.isEmpty() && !Character.isDigit(s.charAt(0)) && s.charAt(0) != '-');
            try {
                return SeverityNumber.valueOf(s).getNumber();
            } catch (IllegalArgumentException e) {
                throw NOT_HANDLED;
            }
        }
        return int32(p, v);
    }

    private static int int32(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return 0;
        }
        expect(v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT);
        return p.getIntValue();
    }

    private static String string(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return "";
        }
        expect(v == JsonToken.VALUE_STRING);
        return p.getText();
    }

    /** Lower-case hex of a non-zero id of {@code bytes} bytes; {@code null} when absent, empty or all zeros. */
    private static String hexId(JsonParser p, JsonToken v, int bytes) throws IOException {
        String s = string(p, v);
        if (s.isEmpty()) {
            return null;
        }
        expect(s.length() == bytes * 2);
        char[] out = new char[s.length()];
        boolean zero = true;
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'F') {
                c = (char) (c + ('a' - 'A'));
            } else {
                expect(c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
            }
            zero &= c == '0';
            out[i] = c;
        }
        return zero ? null : new String(out);
    }

    /** Unknown fields are skipped when scalar; nested ones go to the general path (it checks their depth). */
    private static void scalar(JsonToken t) {
        expect(t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY);
    }

    /** Duplicate keys are resolved "last wins" by the general path; leave them to it. */
    private static int once(int seen, int bit) {
        expect((seen & bit) == 0);
        return seen | bit;
    }

    private static void expect(boolean handled) {
        if (!handled) {
            throw NOT_HANDLED;
        }
    }
}
