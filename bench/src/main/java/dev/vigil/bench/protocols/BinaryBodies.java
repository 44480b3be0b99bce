package dev.vigil.bench.protocols;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.ByteString;
import dev.vigil.bench.AccessLogGenerator.AccessLog;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * Encodes access-log events into the binary wire formats, with the same fields and grouping as
 * their JSON counterparts in {@link TextBodies}: Loki {@code PushRequest} (protobuf, snappy block),
 * OTLP {@code ExportLogsServiceRequest} (protobuf, from the generated OpenTelemetry classes) and
 * Prometheus remote-write 1.0 {@code WriteRequest} (protobuf, snappy block; one series with one
 * sample per event, labels sorted by name as Prometheus sends them).
 *
 * <p>Stateless and thread-safe.
 */
public final class BinaryBodies {
    private static final HexFormat HEX = HexFormat.of();

    private BinaryBodies() {
    }

    /** Loki {@code PushRequest}, snappy block-compressed, as Promtail sends it. */
    public static byte[] lokiProtobuf(List<AccessLog> events) {
        ProtoWriter request = new ProtoWriter();
        for (List<AccessLog> stream : TextBodies.lokiStreams(events).values()) {
            AccessLog head = stream.get(0);
            ProtoWriter adapter = new ProtoWriter().string(1, "{host=\"" + head.host() + "\", level=\"" + head.level()
                    + "\", service_name=\"" + head.service() + "\"}");
            for (AccessLog e : stream) {
                long nanos = e.timestampMillis() * 1_000_000L;
                ProtoWriter entry = new ProtoWriter()
                        .message(1, new ProtoWriter().varint(1, nanos / 1_000_000_000L).varint(2, nanos % 1_000_000_000L))
                        .string(2, e.message());
                metadata(entry, "method", e.method());
                metadata(entry, "route", e.route());
                metadata(entry, "status", Integer.toString(e.status()));
                metadata(entry, "duration_ms", e.durationMs());
                metadata(entry, "trace_id", e.traceId());
                adapter.message(2, entry);
            }
            request.message(1, adapter);
        }
        return snappy(request.toByteArray());
    }

    private static void metadata(ProtoWriter entry, String name, String value) {
        entry.message(3, new ProtoWriter().string(1, name).string(2, value));
    }

    /** OTLP {@code ExportLogsServiceRequest} protobuf, grouped and typed as {@link TextBodies#otlpJson}. */
    public static byte[] otlpProtobuf(List<AccessLog> events) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (List<AccessLog> resource : TextBodies.otlpResources(events).values()) {
            AccessLog head = resource.get(0);
            ScopeLogs.Builder scope = ScopeLogs.newBuilder();
            for (AccessLog e : resource) {
                scope.addLogRecords(LogRecord.newBuilder()
                        .setTimeUnixNano(e.timestampMillis() * 1_000_000L)
                        .setSeverityNumberValue(TextBodies.otlpSeverity(e.level()))
                        .setBody(AnyValue.newBuilder().setStringValue(e.message()))
                        .addAttributes(attribute("method", AnyValue.newBuilder().setStringValue(e.method())))
                        .addAttributes(attribute("route", AnyValue.newBuilder().setStringValue(e.route())))
                        .addAttributes(attribute("status", AnyValue.newBuilder().setIntValue(e.status())))
                        .addAttributes(attribute("duration_ms", AnyValue.newBuilder().setDoubleValue(Double.parseDouble(e.durationMs()))))
                        .setTraceId(ByteString.copyFrom(HEX.parseHex(e.traceId()))));
            }
            request.addResourceLogs(ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder()
                            .addAttributes(attribute("service.name", AnyValue.newBuilder().setStringValue(head.service())))
                            .addAttributes(attribute("host.name", AnyValue.newBuilder().setStringValue(head.host()))))
                    .addScopeLogs(scope));
        }
        return request.build().toByteArray();
    }

    private static KeyValue attribute(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    /**
     * A remote-write body ready to send: {@link #remoteWrite} stamped with the timestamps
     * {@code firstTimestampMillis, +1, ...} and compressed (for micro-benchmarks of the decoder).
     */
    public static byte[] remoteWriteBody(List<AccessLog> events, long firstTimestampMillis) {
        return remoteWrite(events).render(firstTimestampMillis);
    }

    /**
     * Prometheus remote-write 1.0 {@code WriteRequest}, snappy block-compressed at send time after
     * the timestamps are stamped ({@link Body#render}).
     */
    static Body remoteWrite(List<AccessLog> events) {
        ProtoWriter request = new ProtoWriter();
        int[] offsets = new int[events.size()];
        int n = 0;
        for (AccessLog e : events) {
            Map<String, String> labels = new TreeMap<>();
            labels.put("__name__", TextBodies.METRIC_NAME);
            labels.put("service", e.service());
            labels.put("host", e.host());
            labels.put("method", e.method());
            labels.put("route", e.route());
            labels.put("status", Integer.toString(e.status()));
            ProtoWriter series = new ProtoWriter();
            labels.forEach((name, value) -> series.message(1, new ProtoWriter().string(1, name).string(2, value)));
            series.message(2, new ProtoWriter().fixedDouble(1, Double.parseDouble(e.durationMs())).varint(2, e.timestampMillis()));
            request.message(1, series);
            // The sample is the series' last field and its timestamp the sample's last: the
            // timestamp's 6 varint bytes end the series message.
            offsets[n++] = request.size() - 6;
        }
        return Body.varintStampedSnappy(request.toByteArray(), offsets);
    }

    private static byte[] snappy(byte[] raw) {
        return Body.compress(raw);
    }
}
