package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The binary journal record: one batch of events of one kind. Journals outlive releases, so the
 * layout below is frozen for {@link #FORMAT_VERSION} 1; any change needs a new version, and
 * decoders must keep reading every older one.
 *
 * <h2>Version 1 layout</h2>
 * <pre>
 * record    := u8 formatVersion (1) | u8 EventKind.code() | varint count | event * count
 * varint    := unsigned LEB128, 7 bits per byte, least significant first
 * zigzag    := varint of (n &lt;&lt; 1) ^ (n &gt;&gt; 63)
 * ts        := zigzag (nanos - previous event's nanos in this record; 0 before the first)
 * string    := varint 0 for null | varint (UTF-8 byte length + 1), UTF-8 bytes
 * map       := varint size | (string key, string value) * size, in the event's key order (sorted)
 * double    := 8 bytes, IEEE 754 raw bits, big-endian
 * log       := ts timestamp | string service | string host | u8 level | string message | map attributes
 * metric    := string name | map labels | ts timestamp | double value
 * change    := ts timestamp | u8 type | string service | string version | string environment
 *              | string strategy | u8 status | string description | map attributes
 * span      := 16 bytes trace id | 8 bytes span id | u8 0 (no parent) or u8 1 + 8 bytes parent id
 *              | string service | string operation | ts start | varint durationNanos | u8 status
 *              | map attributes
 * </pre>
 * Enum bytes are the stable codes of {@code StableCodes} (level trace=1 .. fatal=6; change type
 * deploy=1, rollback=2, migration=3, config_change=4, feature_flag=5, scale=6, infrastructure=7;
 * change status started=1, in_progress=2, succeeded=3, failed=4, rolled_back=5; span status
 * unset=1, ok=2, error=3), never Java ordinals.
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchCodec {
    /** The version {@link #encode} writes; the newest this build can read. */
    public static final int FORMAT_VERSION = 1;

    /** Most events are under a hundred bytes; a close first guess saves regrowing the buffer. */
    private static final int BYTES_PER_EVENT_GUESS = 96;

    private BatchCodec() {
    }

    /**
     * Encodes a batch as one record.
     *
     * @param kind   the kind of every event in {@code events}
     * @param events the events, in the order readers must see them; may be empty
     * @throws IllegalArgumentException when an event is not of {@code kind}
     */
    public static byte[] encode(EventKind kind, List<? extends Event> events) {
        Objects.requireNonNull(kind, "kind");
        ByteWriter out = new ByteWriter(8 + events.size() * BYTES_PER_EVENT_GUESS);
        out.writeByte(FORMAT_VERSION);
        out.writeByte(kind.code());
        out.writeVarLong(events.size());
        EventRecordWriter writer = new EventRecordWriter(out);
        for (Event event : events) {
            if (event.kind() != kind) {
                throw new IllegalArgumentException("a " + kind.label() + " batch cannot hold a " + event.kind().label() + " event");
            }
            switch (kind) {
                case LOG -> writer.log((LogEvent) event);
                case METRIC -> writer.metric((MetricSample) event);
                case CHANGE -> writer.change((ChangeEvent) event);
                case SPAN -> writer.span((Span) event);
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes the record in {@code buf[offset, offset + length)}.
     *
     * @throws IllegalStateException when the record was written by a newer Vigil (the message
     *                               names the version found) or is corrupt
     */
    public static DecodedBatch decode(byte[] buf, int offset, int length) {
        ByteReader in = new ByteReader(buf, offset, length);
        int version = in.readByte();
        checkVersion(version);
        EventKind kind;
        try {
            kind = EventKind.fromCode(in.readByte());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("corrupt journal record: " + e.getMessage(), e);
        }
        int count = in.readVarInt();
        // Every event takes at least a few bytes; refuse counts that would pre-size a huge list.
        if (count > in.remaining()) {
            throw in.corrupt("event count " + count + " exceeds the record");
        }
        List<Event> events = new ArrayList<>(count);
        EventRecordReader reader = new EventRecordReader(in);
        try {
            for (int i = 0; i < count; i++) {
                events.add(switch (kind) {
                    case LOG -> reader.log();
                    case METRIC -> reader.metric();
                    case CHANGE -> reader.change();
                    case SPAN -> reader.span();
                });
            }
        } catch (IllegalArgumentException e) {
            // The event model refused a value that was valid when written: the bytes are damaged.
            throw new IllegalStateException("corrupt journal record: " + e.getMessage(), e);
        }
        if (in.remaining() != 0) {
            throw in.corrupt(in.remaining() + " bytes left after " + count + " events");
        }
        return new DecodedBatch(version, kind, events);
    }

    /**
     * The format version of the record starting at {@code buf[offset]}, without decoding it, so
     * that callers can route or refuse records cheaply.
     */
    public static int peekFormatVersion(byte[] buf, int offset) {
        if (offset < 0 || offset >= buf.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside array of " + buf.length);
        }
        return buf[offset] & 0xFF;
    }

    private static void checkVersion(int version) {
        if (version > FORMAT_VERSION) {
            throw new IllegalStateException("journal record has format version " + version
                    + ", which a newer Vigil wrote; this Vigil reads versions up to " + FORMAT_VERSION
                    + ". Upgrade Vigil to read this journal.");
        }
        if (version < 1) {
            throw new IllegalStateException("corrupt journal record: format version " + version + " was never written");
        }
    }
}
