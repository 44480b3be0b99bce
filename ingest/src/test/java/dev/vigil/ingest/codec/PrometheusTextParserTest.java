package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.MetricSample;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.vigil.ingest.codec.Bodies.RECEIVED;
import static dev.vigil.ingest.codec.Bodies.lines;
import static dev.vigil.ingest.codec.Bodies.utf8;
import static dev.vigil.ingest.codec.NativeJsonBodyTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextParserTest {
    private final PrometheusTextParser parser = new PrometheusTextParser();

    private Decoded<MetricSample> ok(byte[] body) {
        Decoded<MetricSample> decoded = parser.parse(body, RECEIVED);
        assertTrue(decoded.ok(), decoded.errors()::toString);
        return decoded;
    }

    @Test
    void typicalExposition() {
        Decoded<MetricSample> decoded = ok(lines(
                "# HELP http_requests_total The total number of HTTP requests.",
                "# TYPE http_requests_total counter",
                "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000",
                "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000",
                "",
                "# A free comment",
                "metric_without_timestamp_and_labels 12.47",
                "  indented_gauge\t-3e-2  ",
                ""));
        assertEquals(4, decoded.events().size());
        assertEquals(new MetricSample("http_requests_total", Map.of("method", "post", "code", "200"), 1_395_066_363_000_000_000L, 1027),
                decoded.events().get(0));
        assertEquals(3, decoded.events().get(1).value());
        assertEquals(new MetricSample("metric_without_timestamp_and_labels", Map.of(), RECEIVED, 12.47), decoded.events().get(2));
        assertEquals(new MetricSample("indented_gauge", Map.of(), RECEIVED, -0.03), decoded.events().get(3));
    }

    @Test
    void labelValueEscapes() {
        MetricSample sample = ok(utf8("msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\",other=\"a\\tb\",utf=\"zürich ✓\"} 1.458255915e9\n"))
                .events().get(0);
        assertEquals("C:\\DIR\\FILE.TXT", sample.labels().get("path"));
        assertEquals("Cannot find file:\n\"FILE.TXT\"", sample.labels().get("error"));
        assertEquals("a\\tb", sample.labels().get("other"), "unknown escapes are kept as written");
        assertEquals("zürich ✓", sample.labels().get("utf"));
        assertEquals(1.458255915e9, sample.value());
    }

    @Test
    void histogramLinesArePlainSamplesNamedAsWritten() {
        Decoded<MetricSample> decoded = ok(lines(
                "# TYPE http_request_duration_seconds histogram",
                "http_request_duration_seconds_bucket{le=\"0.05\"} 24054",
                "http_request_duration_seconds_bucket{le=\"+Inf\",} 144320",
                "http_request_duration_seconds_sum 53423",
                "http_request_duration_seconds_count 144320",
                "# TYPE rpc_duration_seconds summary",
                "rpc_duration_seconds{quantile=\"0.99\"} 76656",
                "rpc_duration_seconds_sum 1.7560473e+07",
                "rpc_duration_seconds_count 2693"));
        assertEquals(7, decoded.events().size());
        assertEquals("http_request_duration_seconds_bucket", decoded.events().get(0).name());
        assertEquals(Map.of("le", "+Inf"), decoded.events().get(1).labels());
        assertEquals("http_request_duration_seconds_sum", decoded.events().get(2).name());
        assertEquals("http_request_duration_seconds_count", decoded.events().get(3).name());
        assertEquals(Map.of("quantile", "0.99"), decoded.events().get(4).labels());
    }

    @Test
    void histogramBucketsNeedNumericLe() {
        Decoded<MetricSample> decoded = parser.parse(lines(
                "# TYPE h histogram",
                "h_bucket{le=\"0.1\"} 1",
                "h_bucket 2",
                "h_bucket{le=\"big\"} 3",
                "# TYPE s summary",
                "s{q=\"0.5\"} 1"), RECEIVED);
        assertEquals(3, decoded.errorCount());
        assertError(decoded.errors().get(0), 3, "labels.le", "is required on histogram buckets");
        assertError(decoded.errors().get(1), 4, "labels.le", "'big' is not a number; use a number, NaN, +Inf or -Inf");
        assertError(decoded.errors().get(2), 6, "labels.quantile", "is required on summary quantiles");
    }

    @Test
    void specialValues() {
        Decoded<MetricSample> decoded = ok(lines("a NaN", "b +Inf", "c -Inf", "d Inf", "e nan 5"));
        assertTrue(Double.isNaN(decoded.events().get(0).value()));
        assertEquals(Double.POSITIVE_INFINITY, decoded.events().get(1).value());
        assertEquals(Double.NEGATIVE_INFINITY, decoded.events().get(2).value());
        assertEquals(Double.POSITIVE_INFINITY, decoded.events().get(3).value());
        assertEquals(5_000_000L, decoded.events().get(4).timestampNanos());
    }

    @Test
    void crLfEmptyLabelsAndOpenMetricsEof() {
        Decoded<MetricSample> decoded = ok(utf8("up{} 1\r\nup{job=\"\",instance=\"a\"} 0 1700000000000\r\n# EOF\r\n"));
        assertEquals(new MetricSample("up", Map.of(), RECEIVED, 1), decoded.events().get(0));
        assertEquals(new MetricSample("up", Map.of("instance", "a"), 1_700_000_000_000_000_000L, 0), decoded.events().get(1));
    }

    @Test
    void exemplarsAreIgnored() {
        Decoded<MetricSample> decoded = ok(lines("foo_bucket{le=\"0.01\"} 0 # {trace_id=\"abc\"} 0.005 1520879607.789"));
        assertEquals(0, decoded.events().get(0).value());
    }

    @Test
    void errorsNameLineAndField() {
        Decoded<MetricSample> decoded = parser.parse(lines(
                "ok 1",
                "1bad 2",
                "m{a=\"x\" 3",
                "m{a=x} 3",
                "m{a=\"unterminated} 3",
                "m{a=\"1\",a=\"2\"} 3",
                "m",
                "m twelve",
                "m 1 soon",
                "m 1 17000 extra",
                "m{-a=\"1\"} 1",
                "# TYPE m sometype",
                "m 1 -5",
                "m 1 99999999999999999999"), RECEIVED);
        assertEquals(13, decoded.errorCount());
        assertError(decoded.errors().get(0), 2, "name", "a sample line must start with a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        assertError(decoded.errors().get(1), 3, "labels", "expected ',' or '}' after label a");
        assertError(decoded.errors().get(2), 4, "labels.a", "value must be in double quotes");
        assertError(decoded.errors().get(3), 5, "labels.a", "value is not closed with '\"'");
        assertError(decoded.errors().get(4), 6, "labels.a", "is given twice");
        assertError(decoded.errors().get(5), 7, "value", "is missing after the metric name and labels");
        assertError(decoded.errors().get(6), 8, "value", "'twelve' is not a number; use a number, NaN, +Inf or -Inf");
        assertError(decoded.errors().get(7), 9, "timestamp", "'soon' is not an integer of milliseconds since the epoch");
        assertError(decoded.errors().get(8), 10, "timestamp", "unexpected text after the timestamp");
        assertError(decoded.errors().get(9), 11, "labels", "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}'");
        assertError(decoded.errors().get(10), 12, "type", "unknown metric type 'sometype'; use counter, gauge, histogram, summary or untyped");
        assertError(decoded.errors().get(11), 13, "timestamp", "must be after 1970-01-01T00:00:00Z");
        assertError(decoded.errors().get(12), 14, "timestamp", "'99999999999999999999' is out of range");
        assertTrue(decoded.events().isEmpty());
    }

    @Test
    void nothingMayFollowEof() {
        Decoded<MetricSample> decoded = parser.parse(lines("a 1", "# EOF", "b 2"), RECEIVED);
        assertEquals(1, decoded.errorCount());
        assertError(decoded.errors().get(0), 3, null, "nothing may follow # EOF");
    }

    @Test
    void bodyWithoutSamplesIsAnError() {
        Decoded<MetricSample> decoded = parser.parse(lines("# HELP x y", "# TYPE x gauge", ""), RECEIVED);
        assertEquals(1, decoded.errorCount());
        assertError(decoded.errors().get(0), 1, null, "no events in request body");
    }
}
