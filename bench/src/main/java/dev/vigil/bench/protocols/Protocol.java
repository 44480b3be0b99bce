package dev.vigil.bench.protocols;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.vigil.bench.AccessLogGenerator.AccessLog;
import dev.vigil.ingest.model.EventKind;

/**
 * The wire protocols the benchmark drives, each with its encoder, where it is sent and which
 * native ingest it is compared with: log protocols with {@link #NATIVE_LOGS}, remote write with
 * {@link #NATIVE_METRICS} (both end in the metric store, not the log index).
 */
public enum Protocol {
    NATIVE_LOGS("native", EventKind.LOG, null, logs(TextBodies::nativeLogs),
            Target.http("/api/v1/logs", 200, Map.of("Content-Type", "application/x-ndjson"))),
    LOKI_JSON("loki-json", EventKind.LOG, NATIVE_LOGS, logs(TextBodies::lokiJson),
            Target.http("/loki/api/v1/push", 204, Map.of("Content-Type", "application/json"))),
    LOKI_PROTOBUF("loki-protobuf", EventKind.LOG, NATIVE_LOGS, logs(BinaryBodies::lokiProtobuf),
            Target.http("/loki/api/v1/push", 204, Map.of("Content-Type", "application/x-protobuf"))),
    ELASTICSEARCH_BULK("es-bulk", EventKind.LOG, NATIVE_LOGS, logs(TextBodies::bulk),
            Target.http("/bench/_bulk", 200, Map.of("Content-Type", "application/x-ndjson"))),
    OTLP_PROTOBUF("otlp-protobuf", EventKind.LOG, NATIVE_LOGS, logs(BinaryBodies::otlpProtobuf),
            Target.http("/v1/logs", 200, Map.of("Content-Type", "application/x-protobuf"))),
    OTLP_JSON("otlp-json", EventKind.LOG, NATIVE_LOGS, logs(TextBodies::otlpJson),
            Target.http("/v1/logs", 200, Map.of("Content-Type", "application/json"))),
    SYSLOG_TCP("syslog-tcp", EventKind.LOG, NATIVE_LOGS, logs(TextBodies::syslogOctetCounted), Target.tcp("syslog-tcp")),
    GELF_TCP("gelf-tcp", EventKind.LOG, NATIVE_LOGS, logs(TextBodies::gelfTcp), Target.tcp("gelf-tcp")),
    NATIVE_METRICS("native-metrics", EventKind.METRIC, null, TextBodies::nativeMetrics,
            Target.http("/api/v1/metrics", 200, Map.of("Content-Type", "application/x-ndjson"))),
    REMOTE_WRITE("remote-write", EventKind.METRIC, NATIVE_METRICS, BinaryBodies::remoteWrite,
            Target.http("/api/v1/write", 204, Map.of("Content-Type", "application/x-protobuf", "Content-Encoding", "snappy",
                    "X-Prometheus-Remote-Write-Version", "0.1.0")));

    /**
     * Where bodies go: an HTTP path with headers and the success status, or the TCP receiver of
     * that name ({@code VigilNode.receiverPort}).
     */
    public record Target(String path, int okStatus, Map<String, String> headers, String receiver) {
        static Target http(String path, int okStatus, Map<String, String> headers) {
            return new Target(path, okStatus, headers, null);
        }

        static Target tcp(String receiver) {
            return new Target(null, 0, Map.of(), receiver);
        }

        public boolean isTcp() {
            return receiver != null;
        }
    }

    private final String id;
    private final EventKind kind;
    private final Protocol baseline;
    private final Function<List<AccessLog>, Body> encoder;
    private final Target target;

    Protocol(String id, EventKind kind, Protocol baseline, Function<List<AccessLog>, Body> encoder, Target target) {
        this.id = id;
        this.kind = kind;
        this.baseline = baseline;
        this.encoder = encoder;
        this.target = target;
    }

    /** The name on the command line and in the results. */
    public String id() {
        return id;
    }

    /** Logs or metric samples: which accepted-events counter of the pipeline to read. */
    public EventKind kind() {
        return kind;
    }

    /** The native ingest this protocol is compared with; null for the native ones. */
    public Protocol baseline() {
        return baseline;
    }

    public Target target() {
        return target;
    }

    /** One request body (HTTP) or one burst of framed messages (TCP) carrying these events. */
    Body encode(List<AccessLog> events) {
        return encoder.apply(events);
    }

    private static Function<List<AccessLog>, Body> logs(Function<List<AccessLog>, byte[]> encoder) {
        return events -> Body.fixed(encoder.apply(events), events.size());
    }

    public static Protocol byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown protocol '" + id + "'; known: "
                        + Arrays.stream(values()).map(Protocol::id).toList()));
    }
}
