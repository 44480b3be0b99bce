package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import dev.vigil.ingest.model.Span;
import dev.vigil.ingest.model.SpanStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.vigil.ingest.codec.Bodies.ts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchCodecTest {
    private static final long T = ts("2026-11-25T10:42:00.123456789Z");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void logsRoundTrip() {
        roundTrip(EventKind.LOG, List.of(
                new LogEvent(T, "checkout", "web-1", Level.ERROR, "payment failed: 💳 déclinée 決済", Map.of("route", "/pay", "ü", "✓")),
                new LogEvent(T - 5_000, "unknown", null, Level.TRACE, "", Map.of()),
                new LogEvent(1, "a", null, Level.FATAL, "x".repeat(10_000), Map.of("k", ""))));
    }

    @Test
    void metricsRoundTripIncludingNonFiniteValues() {
        double staleMarker = Double.longBitsToDouble(0x7ff0000000000002L);
        List<MetricSample> samples = List.of(
                new MetricSample("http_requests_total", Map.of("code", "200"), T, 1027),
                new MetricSample("x", Map.of(), T + 1, Double.NaN),
                new MetricSample("x", Map.of(), T + 2, Double.NEGATIVE_INFINITY),
                new MetricSample("x", Map.of(), T + 3, staleMarker));
        roundTrip(EventKind.METRIC, samples);
        MetricSample decoded = (MetricSample) decode(BatchCodec.encode(EventKind.METRIC, samples)).events().get(3);
        assertEquals(0x7ff0000000000002L, Double.doubleToRawLongBits(decoded.value()), "NaN payloads survive");
    }

    @Test
    void changesRoundTripWithNullOptionals() {
        roundTrip(EventKind.CHANGE, List.of(
                new ChangeEvent(T, ChangeType.INFRASTRUCTURE, "db", "15.2", "production", "rolling", ChangeStatus.IN_PROGRESS,
                        "upgrade ✓", Map.of("ticket", "OPS-1")),
                new ChangeEvent(T, ChangeType.DEPLOY, "api", null, null, null, null, null, null)));
    }

    @Test
    void spansRoundTrip() {
        roundTrip(EventKind.SPAN, List.of(
                new Span(TRACE, "00f067aa0ba902b7", "53995c3f42cd8ad8", "checkout", "POST /pay", T, 1_500_000, SpanStatus.ERROR,
                        Map.of("http.status_code", "500")),
                new Span("ffffffffffffffffffffffffffffffff", "0000000000000000", null, "s", "op", T, 0, SpanStatus.UNSET, Map.of())));
    }

    @Test
    void emptyBatchAndOffsets() {
        byte[] record = BatchCodec.encode(EventKind.LOG, List.of());
        assertArrayEquals(new byte[]{1, 1, 0}, record);
        byte[] padded = new byte[record.length + 7];
        System.arraycopy(record, 0, padded, 4, record.length);
        DecodedBatch batch = BatchCodec.decode(padded, 4, record.length);
        assertEquals(new DecodedBatch(1, EventKind.LOG, List.of()), batch);
        assertEquals(1, BatchCodec.peekFormatVersion(padded, 4));
    }

    @Test
    void goldenLogRecord() {
        byte[] golden = bytes(
                0x01, 0x01, 0x01,                         // version 1, kind log, 1 event
                0x80, 0xA8, 0xD6, 0xB9, 0x07,             // timestamp: zigzag(1_000_000_000 - 0)
                0x04, 'a', 'p', 'i',                      // service "api" (length + 1)
                0x00,                                     // host null
                0x05,                                     // level error
                0x04, 'h', 0xC3, 0xA9,                    // message "hé" in UTF-8
                0x01, 0x02, 'k', 0x02, 'v');              // attributes {k=v}
        LogEvent event = new LogEvent(1_000_000_000L, "api", null, Level.ERROR, "hé", Map.of("k", "v"));
        assertEquals(new DecodedBatch(1, EventKind.LOG, List.of(event)), decode(golden));
        assertArrayEquals(golden, BatchCodec.encode(EventKind.LOG, List.of(event)));
    }

    @Test
    void goldenMetricRecordWithTimestampDeltas() {
        byte[] golden = bytes(
                0x01, 0x02, 0x02,                         // version 1, kind metric, 2 events
                0x03, 'u', 'p', 0x01, 0x04, 'j', 'o', 'b', 0x02, 'a',
                0x80, 0x92, 0xF4, 0x01,                   // zigzag(2_000_000)
                0x3F, 0xF0, 0, 0, 0, 0, 0, 0,             // 1.0
                0x03, 'u', 'p', 0x00,
                0xFF, 0x88, 0x7A,                         // zigzag(1_000_000 - 2_000_000)
                0x7F, 0xF8, 0, 0, 0, 0, 0, 0);            // NaN
        List<Event> events = List.of(new MetricSample("up", Map.of("job", "a"), 2_000_000L, 1.0),
                new MetricSample("up", Map.of(), 1_000_000L, Double.NaN));
        assertEquals(new DecodedBatch(1, EventKind.METRIC, events), decode(golden));
        assertArrayEquals(golden, BatchCodec.encode(EventKind.METRIC, events));
    }

    @Test
    void goldenChangeAndSpanRecords() {
        byte[] change = bytes(
                0x01, 0x03, 0x01,
                0x80, 0xA8, 0xD6, 0xB9, 0x07,             // timestamp
                0x02,                                     // type rollback
                0x02, 'a',                                // service
                0x00, 0x02, 'p', 0x00,                    // version null, environment "p", strategy null
                0x04,                                     // status failed
                0x00, 0x00);                              // description null, no attributes
        assertEquals(List.of(new ChangeEvent(1_000_000_000L, ChangeType.ROLLBACK, "a", null, "p", null, ChangeStatus.FAILED, null, null)),
                decode(change).events());

        byte[] span = bytes(
                0x01, 0x04, 0x01,
                0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36,
                0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7,
                0x01, 0x53, 0x99, 0x5c, 0x3f, 0x42, 0xcd, 0x8a, 0xd8,   // has parent, parent id
                0x02, 's', 0x03, 'o', 'p',
                0x80, 0xA8, 0xD6, 0xB9, 0x07,             // start
                0xDC, 0x0B,                               // duration 1500
                0x03, 0x00);                              // status error, no attributes
        Span expected = new Span(TRACE, "00f067aa0ba902b7", "53995c3f42cd8ad8", "s", "op", 1_000_000_000L, 1500, SpanStatus.ERROR, null);
        assertEquals(List.of(expected), decode(span).events());
        assertArrayEquals(span, BatchCodec.encode(EventKind.SPAN, List.of(expected)));
    }

    @Test
    void futureVersionIsRejectedWithAnExplanation() {
        byte[] record = BatchCodec.encode(EventKind.LOG, List.of());
        record[0] = 2;
        assertEquals(2, BatchCodec.peekFormatVersion(record, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> decode(record));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("newer Vigil"), e.getMessage());
    }

    @Test
    void corruptRecordsAreRejected() {
        byte[] record = BatchCodec.encode(EventKind.LOG, List.of(new LogEvent(T, "a", null, Level.INFO, "m", Map.of())));
        assertThrows(IllegalStateException.class, () -> BatchCodec.decode(record, 0, record.length - 1));
        byte[] trailing = java.util.Arrays.copyOf(record, record.length + 1);
        assertThrows(IllegalStateException.class, () -> decode(trailing));
        byte[] badKind = record.clone();
        badKind[1] = 9;
        assertThrows(IllegalStateException.class, () -> decode(badKind));
        byte[] versionZero = record.clone();
        versionZero[0] = 0;
        assertThrows(IllegalStateException.class, () -> decode(versionZero));
    }

    @Test
    void eventsOfAnotherKindAreRefused() {
        List<Event> mixed = List.of(new MetricSample("m", null, T, 1));
        assertThrows(IllegalArgumentException.class, () -> BatchCodec.encode(EventKind.LOG, mixed));
    }

    @Test
    void largeBatchRoundTrips() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            events.add(new LogEvent(T + i * 1_000_000L, "svc-" + (i % 7), "h", Level.values()[i % 6], "line " + i,
                    Map.of("i", Integer.toString(i))));
        }
        roundTrip(EventKind.LOG, events);
    }

    private static void roundTrip(EventKind kind, List<? extends Event> events) {
        assertEquals(new DecodedBatch(BatchCodec.FORMAT_VERSION, kind, List.copyOf(events)), decode(BatchCodec.encode(kind, events)));
    }

    private static DecodedBatch decode(byte[] record) {
        return BatchCodec.decode(record, 0, record.length);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
