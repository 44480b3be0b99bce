package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.MetricSample;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.vigil.ingest.codec.Bodies.RECEIVED;
import static dev.vigil.ingest.codec.Bodies.lines;
import static dev.vigil.ingest.codec.Bodies.ts;
import static dev.vigil.ingest.codec.NativeJsonBodyTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Field handling of {@link NativeJsonDecoder#metrics}. */
class NativeJsonMetricsTest {
    private final NativeJsonDecoder decoder = new NativeJsonDecoder();

    private MetricSample one(String json) {
        Decoded<MetricSample> decoded = decoder.metrics(lines(json), RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
        return decoded.events().get(0);
    }

    @Test
    void primaryFieldsAndAlias() {
        assertEquals(new MetricSample("http_requests_total", Map.of("code", "200", "method", "GET"),
                        ts("2026-11-25T10:42:00Z"), 1027),
                one("{\"name\":\"http_requests_total\",\"labels\":{\"method\":\"GET\",\"code\":200},"
                        + "\"timestamp\":\"2026-11-25T10:42:00Z\",\"value\":1027}"));
        assertEquals(new MetricSample("up", Map.of(), RECEIVED, 1),
                one("{\"__name__\":\"up\",\"value\":1.0}"));
    }

    @Test
    void specialValuesAsStrings() {
        assertTrue(Double.isNaN(one("{\"name\":\"m\",\"value\":\"NaN\"}").value()));
        assertTrue(Double.isNaN(one("{\"name\":\"m\",\"value\":\"nan\"}").value()));
        assertEquals(Double.POSITIVE_INFINITY, one("{\"name\":\"m\",\"value\":\"+Inf\"}").value());
        assertEquals(Double.POSITIVE_INFINITY, one("{\"name\":\"m\",\"value\":\"inf\"}").value());
        assertEquals(Double.NEGATIVE_INFINITY, one("{\"name\":\"m\",\"value\":\"-INF\"}").value());
        assertEquals(0.5, one("{\"name\":\"m\",\"value\":\"0.5\"}").value());
    }

    @Test
    void errorsNameTheField() {
        Decoded<MetricSample> decoded = decoder.metrics(lines(
                "{\"name\":\"m\"}",
                "{\"name\":\"m\",\"value\":\"lots\"}",
                "{\"name\":\"m\",\"value\":{}}",
                "{\"name\":\"m\",\"value\":1,\"labels\":\"a=b\"}",
                "{\"name\":\"m\",\"value\":1,\"labels\":{\"le\":[1]}}",
                "{\"name\":\"m\",\"value\":1,\"labels\":{\"bad-name\":\"x\"}}",
                "{\"__name__\":\"bad name\",\"value\":1}",
                "{\"name\":\"m\",\"value\":1,\"job\":\"api\"}",
                "{\"kind\":\"span\",\"name\":\"m\",\"value\":1}"), RECEIVED);
        assertEquals(9, decoded.errorCount());
        assertError(decoded.errors().get(0), 1, "value", "is required");
        assertError(decoded.errors().get(1), 2, "value", "'lots' is not a number; use a number, NaN, +Inf or -Inf");
        assertError(decoded.errors().get(2), 3, "value", "must be a number or one of \"NaN\", \"+Inf\", \"-Inf\", not an object");
        assertError(decoded.errors().get(3), 4, "labels", "must be an object of label names to values, not a string");
        assertError(decoded.errors().get(4), 5, "labels.le", "must be a string, not an array");
        assertError(decoded.errors().get(5), 6, "labels.bad-name", "is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
        assertError(decoded.errors().get(6), 7, "__name__", "'bad name' is not a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        assertError(decoded.errors().get(7), 8, "job", "is not a metric sample field; labels go inside \"labels\"");
        assertError(decoded.errors().get(8), 9, "kind", "is 'span' but this endpoint takes metric events");
    }
}
