package dev.vigil.bench.protocols;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.bench.AccessLogGenerator.AccessLog;

/**
 * Encodes access-log events into the text wire formats: native NDJSON (logs and metric samples),
 * Loki push JSON, Elasticsearch {@code _bulk}, OTLP/JSON logs, GELF over TCP (NUL-framed) and
 * RFC 5424 syslog with octet counting. Every format carries the same fields: time, service, host,
 * level, message and the five attributes (method, route, status, duration_ms, trace_id); metric
 * formats carry one sample per event ({@link #METRIC_NAME}, value = the duration, labels =
 * service, host, method, route, status).
 *
 * <p>Generated strings are plain ASCII without quotes or backslashes, but {@link #json} escapes
 * anyway so that a changed generator cannot produce invalid bodies. Stateless and thread-safe.
 */
public final class TextBodies {
    /** The metric every event becomes in the metric formats. */
    public static final String METRIC_NAME = "http_request_duration_milliseconds";

    private TextBodies() {
    }

    /** Vigil's own {@code POST /api/v1/logs} body. */
    public static byte[] nativeLogs(List<AccessLog> events) {
        StringBuilder out = new StringBuilder(events.size() * 260);
        for (AccessLog e : events) {
            out.append("{\"timestamp\":").append(e.timestampMillis())
                    .append(",\"service\":").append(json(e.service()))
                    .append(",\"host\":").append(json(e.host()))
                    .append(",\"level\":").append(json(e.level()))
                    .append(",\"message\":").append(json(e.message()))
                    .append(",\"attributes\":{\"method\":").append(json(e.method()))
                    .append(",\"route\":").append(json(e.route()))
                    .append(",\"status\":").append(e.status())
                    .append(",\"duration_ms\":").append(e.durationMs())
                    .append(",\"trace_id\":").append(json(e.traceId()))
                    .append("}}\n");
        }
        return bytes(out);
    }

    /** {@link #nativeMetrics} stamped with {@code firstTimestampMillis, +1, ...} (for micro-benchmarks). */
    public static byte[] nativeMetricsBody(List<AccessLog> events, long firstTimestampMillis) {
        return nativeMetrics(events).render(firstTimestampMillis);
    }

    /**
     * Vigil's own {@code POST /api/v1/metrics} NDJSON body: one sample per event, the timestamps
     * stamped at send time ({@link Body#render}).
     */
    static Body nativeMetrics(List<AccessLog> events) {
        StringBuilder out = new StringBuilder(events.size() * 220);
        int[] offsets = new int[events.size()];
        int n = 0;
        for (AccessLog e : events) {
            out.append("{\"name\":\"").append(METRIC_NAME)
                    .append("\",\"labels\":{\"host\":").append(json(e.host()))
                    .append(",\"method\":").append(json(e.method()))
                    .append(",\"route\":").append(json(e.route()))
                    .append(",\"service\":").append(json(e.service()))
                    .append(",\"status\":\"").append(e.status())
                    .append("\"},\"timestamp\":");
            offsets[n++] = out.length(); // ASCII: char offsets are byte offsets
            out.append(e.timestampMillis())
                    .append(",\"value\":").append(e.durationMs())
                    .append("}\n");
        }
        return Body.decimalStamped(bytes(out), offsets);
    }

    /**
     * Loki push JSON: one stream per (service, host, level), as Promtail or Alloy would label them;
     * the attributes travel as structured metadata.
     */
    public static byte[] lokiJson(List<AccessLog> events) {
        StringBuilder out = new StringBuilder(events.size() * 260);
        out.append("{\"streams\":[");
        boolean firstStream = true;
        for (List<AccessLog> stream : lokiStreams(events).values()) {
            AccessLog head = stream.get(0);
            out.append(firstStream ? "" : ",")
                    .append("{\"stream\":{\"service_name\":").append(json(head.service()))
                    .append(",\"host\":").append(json(head.host()))
                    .append(",\"level\":").append(json(head.level()))
                    .append("},\"values\":[");
            firstStream = false;
            for (int i = 0; i < stream.size(); i++) {
                AccessLog e = stream.get(i);
                out.append(i == 0 ? "" : ",")
                        .append("[\"").append(e.timestampMillis()).append("000000\",").append(json(e.message()))
                        .append(",{\"method\":").append(json(e.method()))
                        .append(",\"route\":").append(json(e.route()))
                        .append(",\"status\":\"").append(e.status())
                        .append("\",\"duration_ms\":\"").append(e.durationMs())
                        .append("\",\"trace_id\":").append(json(e.traceId()))
                        .append("}]");
            }
            out.append("]}");
        }
        return bytes(out.append("]}"));
    }

    /** The events grouped into Loki streams, in first-seen order. */
    static Map<String, List<AccessLog>> lokiStreams(List<AccessLog> events) {
        Map<String, List<AccessLog>> streams = new LinkedHashMap<>();
        for (AccessLog e : events) {
            streams.computeIfAbsent(e.service() + '\u0000' + e.host() + '\u0000' + e.level(), k -> new ArrayList<>()).add(e);
        }
        return streams;
    }

    /**
     * Elasticsearch {@code _bulk} NDJSON for {@code POST /{index}/_bulk}: a {@code create} action
     * without metadata (the index comes from the URL, ids are generated), then an ECS-style document.
     */
    public static byte[] bulk(List<AccessLog> events) {
        StringBuilder out = new StringBuilder(events.size() * 300);
        for (AccessLog e : events) {
            out.append("{\"create\":{}}\n")
                    .append("{\"@timestamp\":\"").append(Instant.ofEpochMilli(e.timestampMillis()))
                    .append("\",\"message\":").append(json(e.message()))
                    .append(",\"service\":{\"name\":").append(json(e.service()))
                    .append("},\"host\":{\"name\":").append(json(e.host()))
                    .append("},\"log\":{\"level\":").append(json(e.level()))
                    .append("},\"method\":").append(json(e.method()))
                    .append(",\"route\":").append(json(e.route()))
                    .append(",\"status\":").append(e.status())
                    .append(",\"duration_ms\":").append(e.durationMs())
                    .append(",\"trace_id\":").append(json(e.traceId()))
                    .append("}\n");
        }
        return bytes(out);
    }

    /**
     * OTLP/JSON {@code ExportLogsServiceRequest}: one resource per (service, host) with
     * {@code service.name} and {@code host.name}, no scope; the trace id in the record's
     * {@code traceId} field, the other four attributes typed as an SDK would send them.
     */
    public static byte[] otlpJson(List<AccessLog> events) {
        StringBuilder out = new StringBuilder(events.size() * 420);
        out.append("{\"resourceLogs\":[");
        boolean firstResource = true;
        for (List<AccessLog> resource : otlpResources(events).values()) {
            AccessLog head = resource.get(0);
            out.append(firstResource ? "" : ",")
                    .append("{\"resource\":{\"attributes\":[")
                    .append("{\"key\":\"service.name\",\"value\":{\"stringValue\":").append(json(head.service())).append("}},")
                    .append("{\"key\":\"host.name\",\"value\":{\"stringValue\":").append(json(head.host())).append("}}]},")
                    .append("\"scopeLogs\":[{\"logRecords\":[");
            firstResource = false;
            for (int i = 0; i < resource.size(); i++) {
                AccessLog e = resource.get(i);
                out.append(i == 0 ? "" : ",")
                        .append("{\"timeUnixNano\":\"").append(e.timestampMillis()).append("000000\"")
                        .append(",\"severityNumber\":").append(otlpSeverity(e.level()))
                        .append(",\"body\":{\"stringValue\":").append(json(e.message()))
                        .append("},\"attributes\":[")
                        .append("{\"key\":\"method\",\"value\":{\"stringValue\":").append(json(e.method())).append("}},")
                        .append("{\"key\":\"route\",\"value\":{\"stringValue\":").append(json(e.route())).append("}},")
                        .append("{\"key\":\"status\",\"value\":{\"intValue\":\"").append(e.status()).append("\"}},")
                        .append("{\"key\":\"duration_ms\",\"value\":{\"doubleValue\":").append(e.durationMs()).append("}}]")
                        .append(",\"traceId\":\"").append(e.traceId()).append("\"}");
            }
            out.append("]}]}");
        }
        return bytes(out.append("]}"));
    }

    /** The events grouped by OTLP resource (service, host), in first-seen order. */
    static Map<String, List<AccessLog>> otlpResources(List<AccessLog> events) {
        Map<String, List<AccessLog>> resources = new LinkedHashMap<>();
        for (AccessLog e : events) {
            resources.computeIfAbsent(e.service() + '\u0000' + e.host(), k -> new ArrayList<>()).add(e);
        }
        return resources;
    }

    /** OTLP severity numbers: INFO 9, WARN 13, ERROR 17. */
    static int otlpSeverity(String level) {
        return switch (level) {
            case "error" -> 17;
            case "warn" -> 13;
            default -> 9;
        };
    }

    /** GELF 1.1 messages, each ended by NUL, as GELF TCP senders frame them. */
    public static byte[] gelfTcp(List<AccessLog> events) {
        StringBuilder out = new StringBuilder(events.size() * 300);
        for (AccessLog e : events) {
            long ms = e.timestampMillis();
            out.append("{\"version\":\"1.1\",\"host\":").append(json(e.host()))
                    .append(",\"short_message\":").append(json(e.message()))
                    .append(",\"timestamp\":").append(ms / 1000).append('.').append(String.format(java.util.Locale.ROOT, "%03d", ms % 1000))
                    .append(",\"level\":").append(syslogSeverity(e.level()))
                    .append(",\"_service\":").append(json(e.service()))
                    .append(",\"_method\":").append(json(e.method()))
                    .append(",\"_route\":").append(json(e.route()))
                    .append(",\"_status\":").append(e.status())
                    .append(",\"_duration_ms\":").append(e.durationMs())
                    .append(",\"_trace_id\":").append(json(e.traceId()))
                    .append("}\u0000");
        }
        return bytes(out);
    }

    /**
     * RFC 5424 messages with octet counting ({@code LEN SP MSG}, RFC 6587), facility local0, the
     * attributes as one structured-data element, nil PROCID and MSGID.
     */
    public static byte[] syslogOctetCounted(List<AccessLog> events) {
        StringBuilder out = new StringBuilder(events.size() * 300);
        StringBuilder message = new StringBuilder(300);
        for (AccessLog e : events) {
            message.setLength(0);
            message.append('<').append(16 * 8 + syslogSeverity(e.level())).append(">1 ")
                    .append(Instant.ofEpochMilli(e.timestampMillis())).append(' ')
                    .append(e.host()).append(' ').append(e.service()).append(" - - ")
                    .append("[access@32473 method=\"").append(e.method())
                    .append("\" route=\"").append(e.route())
                    .append("\" status=\"").append(e.status())
                    .append("\" duration_ms=\"").append(e.durationMs())
                    .append("\" trace_id=\"").append(e.traceId())
                    .append("\"] ").append(e.message());
            // Pure ASCII, so characters are octets.
            out.append(message.length()).append(' ').append(message);
        }
        return bytes(out);
    }

    /** Syslog severities: info 6, warning 4, err 3. */
    static int syslogSeverity(String level) {
        return switch (level) {
            case "error" -> 3;
            case "warn" -> 4;
            default -> 6;
        };
    }

    /** A JSON string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static byte[] bytes(StringBuilder out) {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
