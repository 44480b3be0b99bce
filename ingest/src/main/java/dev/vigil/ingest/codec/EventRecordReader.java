package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads events in the version 1 layout that {@link EventRecordWriter} writes, mirroring it field
 * for field.
 *
 * <p>Not thread-safe: one instance per decoded batch.
 */
final class EventRecordReader {
    private final ByteReader in;
    private long previousTimestamp;

    EventRecordReader(ByteReader in) {
        this.in = in;
    }

    LogEvent log() {
        long timestamp = timestamp();
        String service = in.readRequiredString("log service");
        String host = in.readString();
        var level = StableCodes.level(in.readByte());
        String message = in.readRequiredString("log message");
        return new LogEvent(timestamp, service, host, level, message, attributes());
    }

    MetricSample metric() {
        String name = in.readRequiredString("metric name");
        Map<String, String> labels = attributes();
        long timestamp = timestamp();
        return new MetricSample(name, labels, timestamp, in.readDouble());
    }

    ChangeEvent change() {
        long timestamp = timestamp();
        var type = StableCodes.changeType(in.readByte());
        String service = in.readRequiredString("change service");
        String version = in.readString();
        String environment = in.readString();
        String strategy = in.readString();
        var status = StableCodes.changeStatus(in.readByte());
        String description = in.readString();
        return new ChangeEvent(timestamp, type, service, version, environment, strategy, status, description, attributes());
    }

    Span span() {
        String traceId = HexIds.toHex(in.readBytes(EventRecordWriter.TRACE_ID_BYTES));
        String spanId = HexIds.toHex(in.readBytes(EventRecordWriter.SPAN_ID_BYTES));
        String parentSpanId = switch (in.readByte()) {
            case 0 -> null;
            case 1 -> HexIds.toHex(in.readBytes(EventRecordWriter.SPAN_ID_BYTES));
            default -> throw in.corrupt("bad parent span marker");
        };
        String service = in.readRequiredString("span service");
        String operation = in.readRequiredString("span operation");
        long start = timestamp();
        long duration = in.readVarLong();
        var status = StableCodes.spanStatus(in.readByte());
        return new Span(traceId, spanId, parentSpanId, service, operation, start, duration, status, attributes());
    }

    private long timestamp() {
        previousTimestamp += in.readZigZagLong();
        return previousTimestamp;
    }

    private Map<String, String> attributes() {
        int count = in.readVarInt();
        if (count == 0) {
            return Map.of();
        }
        // Each entry takes at least two bytes, which bounds the map a corrupt count can request.
        if (count > in.remaining() / 2) {
            throw in.corrupt("attribute count " + count + " exceeds the record");
        }
        Map<String, String> attributes = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String key = in.readRequiredString("attribute key");
            attributes.put(key, in.readRequiredString("attribute value"));
        }
        return attributes;
    }
}
