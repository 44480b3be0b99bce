package dev.vigil.ingest.otlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import dev.vigil.ingest.model.InvalidFieldException;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.SpanStatus;

/**
 * Decodes OTLP export requests (protobuf or OTLP/JSON) into Vigil's event model. Pure: no I/O, no
 * Vert.x; thread-safe.
 *
 * <p>An undecodable body throws {@link OtlpFormatException} (HTTP 400, nothing stored). An invalid
 * item (a log record, a data point, a span) is left out and counted in {@link OtlpBatch#rejected()}
 * with its reason, for {@code partialSuccess}; the valid items are returned.
 */
public final class OtlpDecoder {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public OtlpBatch<LogEvent> logs(byte[] body, boolean json, long receivedNanos) {
        if (json) {
            // Most bodies are well-formed exporter output: stream them straight into events. Any
            // other body is decoded again below, where errors and partial rejections are defined.
            try {
                List<LogEvent> events = OtlpJsonLogStream.logs(body, receivedNanos);
                return new OtlpBatch<>(events, events.size(), 0, "");
            } catch (RuntimeException e) {
                if (e != OtlpJsonLogStream.NOT_HANDLED) {
                    throw e;
                }
            }
        }
        Rejections rejections = new Rejections();
        ExportLogsServiceRequest request;
        if (json) {
            request = OtlpJson.logs(body, rejections);
        } else {
            try {
                request = ExportLogsServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                throw undecodable("ExportLogsServiceRequest", e);
            }
        }
        Rejections items = rejections; // JSON-level rejections first, in request order
        List<LogEvent> events = new ArrayList<>();
        for (int r = 0; r < request.getResourceLogsCount(); r++) {
            ResourceLogs rl = request.getResourceLogs(r);
            Map<String, String> resource = attributeMap(rl.getResource().getAttributesList());
            String service = resource.get("service.name");
            String host = resource.get("host.name");
            for (int s = 0; s < rl.getScopeLogsCount(); s++) {
                ScopeLogs sl = rl.getScopeLogs(s);
                for (int i = 0; i < sl.getLogRecordsCount(); i++) {
                    items.item();
                    String path = "resourceLogs[" + r + "].scopeLogs[" + s + "].logRecords[" + i + "]";
                    try {
                        events.add(logEvent(sl.getLogRecords(i), service, host, resource, sl.getScope(), receivedNanos));
                    } catch (ItemRejectedException | InvalidFieldException e) {
                        items.reject(path, e.getMessage());
                    }
                }
            }
        }
        return new OtlpBatch<>(events, items.items(), items.rejected(), items.message("log record(s)"));
    }

    public OtlpBatch<MetricSample> metrics(byte[] body, boolean json) {
        Rejections rejections = new Rejections();
        ExportMetricsServiceRequest request;
        if (json) {
            request = OtlpJson.metrics(body, rejections);
        } else {
            try {
                request = ExportMetricsServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                throw undecodable("ExportMetricsServiceRequest", e);
            }
        }
        Rejections items = rejections; // JSON-level rejections first, in request order
        List<MetricSample> samples = new ArrayList<>();
        for (int r = 0; r < request.getResourceMetricsCount(); r++) {
            ResourceMetrics rm = request.getResourceMetrics(r);
            String service = attributeMap(rm.getResource().getAttributesList()).get("service.name");
            for (int s = 0; s < rm.getScopeMetricsCount(); s++) {
                ScopeMetrics sm = rm.getScopeMetrics(s);
                for (int m = 0; m < sm.getMetricsCount(); m++) {
                    String path = "resourceMetrics[" + r + "].scopeMetrics[" + s + "].metrics[" + m + "]";
                    MetricPoints.add(sm.getMetrics(m), service, path, samples, items);
                }
            }
        }
        return new OtlpBatch<>(samples, items.items(), items.rejected(), items.message("data point(s)"));
    }

    public OtlpBatch<dev.vigil.ingest.model.Span> traces(byte[] body, boolean json) {
        Rejections rejections = new Rejections();
        ExportTraceServiceRequest request;
        if (json) {
            request = OtlpJson.traces(body, rejections);
        } else {
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                throw undecodable("ExportTraceServiceRequest", e);
            }
        }
        Rejections items = rejections; // JSON-level rejections first, in request order
        List<dev.vigil.ingest.model.Span> spans = new ArrayList<>();
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans rs = request.getResourceSpans(r);
            Map<String, String> resource = attributeMap(rs.getResource().getAttributesList());
            for (int s = 0; s < rs.getScopeSpansCount(); s++) {
                ScopeSpans ss = rs.getScopeSpans(s);
                for (int i = 0; i < ss.getSpansCount(); i++) {
                    items.item();
                    String path = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]";
                    try {
                        spans.add(span(ss.getSpans(i), resource, ss.getScope()));
                    } catch (ItemRejectedException | InvalidFieldException e) {
                        items.reject(path, e.getMessage());
                    }
                }
            }
        }
        return new OtlpBatch<>(spans, items.items(), items.rejected(), items.message("span(s)"));
    }

    private static OtlpFormatException undecodable(String message, InvalidProtocolBufferException e) {
        return new OtlpFormatException("body is not a valid protobuf " + message + ": " + e.getMessage(), e);
    }

    // ---- logs -------------------------------------------------------------------------------

    private static LogEvent logEvent(LogRecord record, String service, String host, Map<String, String> resource,
                                     InstrumentationScope scope, long receivedNanos) {
        long time = record.getTimeUnixNano() != 0 ? timestamp(record.getTimeUnixNano(), "timeUnixNano")
                : record.getObservedTimeUnixNano() != 0 ? timestamp(record.getObservedTimeUnixNano(), "observedTimeUnixNano")
                : receivedNanos;
        Map<String, String> attributes = new TreeMap<>();
        putAll(attributes, record.getAttributesList(), "");
        putContext(attributes, resource, scope);
        putId(attributes, "trace_id", record.getTraceId(), 16, "traceId");
        putId(attributes, "span_id", record.getSpanId(), 8, "spanId");
        if (!record.getSeverityText().isEmpty()) {
            attributes.putIfAbsent("severity_text", record.getSeverityText());
        }
        if (!record.getEventName().isEmpty()) {
            attributes.putIfAbsent("event_name", record.getEventName());
        }
        String message = record.hasBody() ? text(record.getBody()) : "";
        return new LogEvent(time, service, host, level(record.getSeverityNumberValue(), record.getSeverityText()), message,
                attributes);
    }

    /** severityNumber ranges first (1-4 trace ... 21-24 fatal), then the text, else info. */
    static Level level(int number, String text) {
        if (number >= 1 && number <= 24) {
            return Level.values()[(number - 1) / 4];
        }
        if (text != null && !text.isBlank()) {
            try {
                return Level.parse(text);
            } catch (InvalidFieldException e) {
                return Level.INFO;
            }
        }
        return Level.INFO;
    }

    // ---- traces -----------------------------------------------------------------------------

    private static dev.vigil.ingest.model.Span span(Span span, Map<String, String> resource, InstrumentationScope scope) {
        String traceId = id(span.getTraceId(), 16, "traceId", true);
        String spanId = id(span.getSpanId(), 8, "spanId", true);
        String parent = id(span.getParentSpanId(), 8, "parentSpanId", false);
        long start = timestamp(span.getStartTimeUnixNano(), "startTimeUnixNano");
        if (span.getStartTimeUnixNano() == 0) {
            throw new ItemRejectedException("startTimeUnixNano is required");
        }
        long end = timestamp(span.getEndTimeUnixNano(), "endTimeUnixNano");
        if (end < start) {
            throw new ItemRejectedException("endTimeUnixNano (" + Long.toUnsignedString(span.getEndTimeUnixNano())
                    + ") is before startTimeUnixNano (" + start + ")");
        }
        if (span.getName().isEmpty()) {
            throw new ItemRejectedException("name is required");
        }
        Map<String, String> attributes = new TreeMap<>();
        putAll(attributes, span.getAttributesList(), "");
        putContext(attributes, resource, scope);
        attributes.put("span.kind", kind(span.getKindValue()));
        if (!span.getStatus().getMessage().isEmpty()) {
            attributes.put("status.message", span.getStatus().getMessage());
        }
        if (!span.getTraceState().isEmpty()) {
            attributes.put("trace_state", span.getTraceState());
        }
        SpanStatus status = switch (span.getStatus().getCodeValue()) {
            case Status.StatusCode.STATUS_CODE_OK_VALUE -> SpanStatus.OK;
            case Status.StatusCode.STATUS_CODE_ERROR_VALUE -> SpanStatus.ERROR;
            default -> SpanStatus.UNSET;
        };
        String service = resource.getOrDefault("service.name", dev.vigil.ingest.model.LogEvent.UNKNOWN_SERVICE);
        return new dev.vigil.ingest.model.Span(traceId, spanId, parent, service.isBlank() ? LogEvent.UNKNOWN_SERVICE : service,
                span.getName(), start, end - start, status, attributes);
    }

    private static String kind(int kind) {
        return switch (kind) {
            case Span.SpanKind.SPAN_KIND_INTERNAL_VALUE -> "internal";
            case Span.SpanKind.SPAN_KIND_SERVER_VALUE -> "server";
            case Span.SpanKind.SPAN_KIND_CLIENT_VALUE -> "client";
            case Span.SpanKind.SPAN_KIND_PRODUCER_VALUE -> "producer";
            case Span.SpanKind.SPAN_KIND_CONSUMER_VALUE -> "consumer";
            default -> "unspecified";
        };
    }

    // ---- shared -----------------------------------------------------------------------------

    /** fixed64 nanoseconds; values of 2^63 and more (year 2262+) do not fit the model. */
    static long timestamp(long raw, String field) {
        if (raw < 0) {
            throw new ItemRejectedException(field + " " + Long.toUnsignedString(raw)
                    + " is out of range (after the year 2262); it must be nanoseconds since the epoch");
        }
        return raw;
    }

    private static String id(ByteString bytes, int length, String field, boolean required) {
        if (bytes.isEmpty()) {
            if (required) {
                throw new ItemRejectedException(field + " is required");
            }
            return null;
        }
        if (bytes.size() != length) {
            throw new ItemRejectedException(field + " must be " + length + " bytes, got " + bytes.size());
        }
        boolean allZero = true;
        for (int i = 0; i < length; i++) {
            allZero &= bytes.byteAt(i) == 0;
        }
        if (allZero) {
            if (required) {
                throw new ItemRejectedException(field + " must not be all zeros");
            }
            return null;
        }
        return hex(bytes);
    }

    private static void putId(Map<String, String> attributes, String key, ByteString bytes, int length, String field) {
        String hex = id(bytes, length, field, false);
        if (hex != null) {
            attributes.put(key, hex);
        }
    }

    static String hex(ByteString bytes) {
        char[] out = new char[bytes.size() * 2];
        for (int i = 0; i < bytes.size(); i++) {
            int b = bytes.byteAt(i);
            out[2 * i] = HEX[(b >> 4) & 0xF];
            out[2 * i + 1] = HEX[b & 0xF];
        }
        return new String(out);
    }

    private static void putContext(Map<String, String> attributes, Map<String, String> resource, InstrumentationScope scope) {
        for (Map.Entry<String, String> e : resource.entrySet()) {
            attributes.putIfAbsent("resource." + e.getKey(), e.getValue());
        }
        if (!scope.getName().isEmpty()) {
            attributes.putIfAbsent("scope.name", scope.getName());
        }
        if (!scope.getVersion().isEmpty()) {
            attributes.putIfAbsent("scope.version", scope.getVersion());
        }
        putAll(attributes, scope.getAttributesList(), "scope.");
    }

    private static void putAll(Map<String, String> into, List<KeyValue> attributes, String prefix) {
        for (KeyValue kv : attributes) {
            if (!kv.getKey().isEmpty()) {
                into.putIfAbsent(prefix + kv.getKey(), text(kv.getValue()));
            }
        }
    }

    static Map<String, String> attributeMap(List<KeyValue> attributes) {
        Map<String, String> out = new HashMap<>();
        putAll(out, attributes, "");
        return out;
    }

    /** A string value as is; anything else as JSON text. */
    static String text(AnyValue value) {
        if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
            return value.getStringValue();
        }
        StringBuilder out = new StringBuilder();
        appendJson(out, value);
        return out.toString();
    }

    private static void appendJson(StringBuilder out, AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> quote(out, value.getStringValue());
            case BOOL_VALUE -> out.append(value.getBoolValue());
            case INT_VALUE -> out.append(value.getIntValue());
            case DOUBLE_VALUE -> {
                double d = value.getDoubleValue();
                if (Double.isFinite(d)) {
                    out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
                } else {
                    quote(out, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
            }
            case BYTES_VALUE -> quote(out, java.util.Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                out.append('[');
                for (int i = 0; i < value.getArrayValue().getValuesCount(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendJson(out, value.getArrayValue().getValues(i));
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                out.append('{');
                for (int i = 0; i < value.getKvlistValue().getValuesCount(); i++) {
                    KeyValue kv = value.getKvlistValue().getValues(i);
                    if (i > 0) {
                        out.append(',');
                    }
                    quote(out, kv.getKey());
                    out.append(':');
                    appendJson(out, kv.getValue());
                }
                out.append('}');
            }
            default -> out.append("null");
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
