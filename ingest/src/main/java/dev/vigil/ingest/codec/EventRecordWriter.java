package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;

import java.util.Map;

/**
 * Writes events field by field in the version 1 layout described on {@link BatchCodec}.
 * Timestamps are written as the zig-zag difference to the previous event's timestamp in the same
 * batch (the first to zero), because events of a batch are close in time and a difference of
 * milliseconds takes three or four bytes where an absolute nanosecond time takes nine.
 *
 * <p>Not thread-safe: one instance per encoded batch.
 */
final class EventRecordWriter {
    static final int TRACE_ID_BYTES = 16;
    static final int SPAN_ID_BYTES = 8;

    private final ByteWriter out;
    private long previousTimestamp;

    EventRecordWriter(ByteWriter out) {
        this.out = out;
    }

    void log(LogEvent e) {
        timestamp(e.timestampNanos());
        out.writeString(e.service());
        out.writeString(e.host());
        out.writeByte(StableCodes.code(e.level()));
        out.writeString(e.message());
        attributes(e.attributes());
    }

    void metric(MetricSample e) {
        out.writeString(e.name());
        attributes(e.labels());
        timestamp(e.timestampNanos());
        out.writeDouble(e.value());
    }

    void change(ChangeEvent e) {
        timestamp(e.timestampNanos());
        out.writeByte(StableCodes.code(e.type()));
        out.writeString(e.service());
        out.writeString(e.version());
        out.writeString(e.environment());
        out.writeString(e.strategy());
        out.writeByte(StableCodes.code(e.status()));
        out.writeString(e.description());
        attributes(e.attributes());
    }

    void span(Span e) {
        out.writeBytes(HexIds.toBytes(e.traceId()));
        out.writeBytes(HexIds.toBytes(e.spanId()));
        if (e.parentSpanId() == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeBytes(HexIds.toBytes(e.parentSpanId()));
        }
        out.writeString(e.service());
        out.writeString(e.operation());
        timestamp(e.startNanos());
        out.writeVarLong(e.durationNanos());
        out.writeByte(StableCodes.code(e.status()));
        attributes(e.attributes());
    }

    private void timestamp(long nanos) {
        out.writeZigZagLong(nanos - previousTimestamp);
        previousTimestamp = nanos;
    }

    private void attributes(Map<String, String> attributes) {
        out.writeVarLong(attributes.size());
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            out.writeString(entry.getKey());
            out.writeString(entry.getValue());
        }
    }
}
