package dev.vigil.ingest.otlp;

import static dev.vigil.ingest.otlp.JsonTree.array;
import static dev.vigil.ingest.otlp.JsonTree.bool;
import static dev.vigil.ingest.otlp.JsonTree.dbl;
import static dev.vigil.ingest.otlp.JsonTree.int32;
import static dev.vigil.ingest.otlp.JsonTree.int64;
import static dev.vigil.ingest.otlp.JsonTree.object;
import static dev.vigil.ingest.otlp.JsonTree.string;
import static dev.vigil.ingest.otlp.JsonTree.uint64;

import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.Internal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * OTLP/JSON into the generated protobuf messages, following the OTLP deviations from proto3 JSON:
 * hex trace/span ids, integer enums (names are accepted too), lowerCamelCase keys (original names
 * accepted), 64-bit integers as strings or numbers, unknown fields ignored.
 *
 * <p>A type error in the envelope (resources, scopes, the lists themselves) fails the whole
 * request; a type error or a bad id inside one log record, data point or span rejects only that
 * item, which is counted in {@link Rejections}.
 */
final class OtlpJson {
    private OtlpJson() {
    }

    // ---- logs -------------------------------------------------------------------------------

    static ExportLogsServiceRequest logs(byte[] body, Rejections rejections) {
        Map<String, Object> root = JsonTree.parseObject(body);
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        List<Object> resources = array(root.get("resourceLogs"), "resourceLogs");
        for (int r = 0; r < resources.size(); r++) {
            String rPath = "resourceLogs[" + r + "]";
            Map<String, Object> rl = object(resources.get(r), rPath);
            ResourceLogs.Builder out = ResourceLogs.newBuilder()
                    .setResource(resource(rl.get("resource"), rPath + ".resource"))
                    .setSchemaUrl(string(rl.get("schemaUrl"), rPath + ".schemaUrl"));
            List<Object> scopes = array(rl.get("scopeLogs"), rPath + ".scopeLogs");
            for (int s = 0; s < scopes.size(); s++) {
                String sPath = rPath + ".scopeLogs[" + s + "]";
                Map<String, Object> sl = object(scopes.get(s), sPath);
                ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                        .setScope(scope(sl.get("scope"), sPath + ".scope"))
                        .setSchemaUrl(string(sl.get("schemaUrl"), sPath + ".schemaUrl"));
                List<Object> records = array(sl.get("logRecords"), sPath + ".logRecords");
                for (int i = 0; i < records.size(); i++) {
                    String path = sPath + ".logRecords[" + i + "]";
                    try {
                        scope.addLogRecords(logRecord(object(records.get(i), path), path));
                    } catch (OtlpFormatException | ItemRejectedException e) {
                        rejections.item();
                        rejections.reject(path, e.getMessage());
                    }
                }
                out.addScopeLogs(scope);
            }
            request.addResourceLogs(out);
        }
        return request.build();
    }

    private static LogRecord logRecord(Map<String, Object> m, String path) {
        LogRecord.Builder b = LogRecord.newBuilder()
                .setTimeUnixNano(uint64(m.get("timeUnixNano"), path + ".timeUnixNano"))
                .setObservedTimeUnixNano(uint64(m.get("observedTimeUnixNano"), path + ".observedTimeUnixNano"))
                .setSeverityNumberValue(enumValue(m.get("severityNumber"), path + ".severityNumber", SeverityNumber::valueOf))
                .setSeverityText(string(m.get("severityText"), path + ".severityText"))
                .setDroppedAttributesCount(int32(m.get("droppedAttributesCount"), path + ".droppedAttributesCount"))
                .setFlags(int32(m.get("flags"), path + ".flags"))
                .setTraceId(ByteString.copyFrom(JsonTree.hexId(m.get("traceId"), path + ".traceId", 16)))
                .setSpanId(ByteString.copyFrom(JsonTree.hexId(m.get("spanId"), path + ".spanId", 8)))
                .setEventName(string(m.get("eventName"), path + ".eventName"));
        if (m.get("body") != null) {
            b.setBody(anyValue(m.get("body"), path + ".body", 0));
        }
        b.addAllAttributes(attributes(m.get("attributes"), path + ".attributes"));
        return b.build();
    }

    // ---- metrics ----------------------------------------------------------------------------

    static ExportMetricsServiceRequest metrics(byte[] body, Rejections rejections) {
        Map<String, Object> root = JsonTree.parseObject(body);
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        List<Object> resources = array(root.get("resourceMetrics"), "resourceMetrics");
        for (int r = 0; r < resources.size(); r++) {
            String rPath = "resourceMetrics[" + r + "]";
            Map<String, Object> rm = object(resources.get(r), rPath);
            ResourceMetrics.Builder out = ResourceMetrics.newBuilder()
                    .setResource(resource(rm.get("resource"), rPath + ".resource"))
                    .setSchemaUrl(string(rm.get("schemaUrl"), rPath + ".schemaUrl"));
            List<Object> scopes = array(rm.get("scopeMetrics"), rPath + ".scopeMetrics");
            for (int s = 0; s < scopes.size(); s++) {
                String sPath = rPath + ".scopeMetrics[" + s + "]";
                Map<String, Object> sm = object(scopes.get(s), sPath);
                ScopeMetrics.Builder scope = ScopeMetrics.newBuilder()
                        .setScope(scope(sm.get("scope"), sPath + ".scope"))
                        .setSchemaUrl(string(sm.get("schemaUrl"), sPath + ".schemaUrl"));
                List<Object> metrics = array(sm.get("metrics"), sPath + ".metrics");
                for (int i = 0; i < metrics.size(); i++) {
                    scope.addMetrics(metric(object(metrics.get(i), sPath + ".metrics[" + i + "]"),
                            sPath + ".metrics[" + i + "]", rejections));
                }
                out.addScopeMetrics(scope);
            }
            request.addResourceMetrics(out);
        }
        return request.build();
    }

    private static Metric metric(Map<String, Object> m, String path, Rejections rejections) {
        Metric.Builder b = Metric.newBuilder()
                .setName(string(m.get("name"), path + ".name"))
                .setDescription(string(m.get("description"), path + ".description"))
                .setUnit(string(m.get("unit"), path + ".unit"));
        if (m.get("gauge") != null) {
            Map<String, Object> g = object(m.get("gauge"), path + ".gauge");
            Gauge.Builder gauge = Gauge.newBuilder();
            points(g, path + ".gauge", rejections, (p, at) -> gauge.addDataPoints(numberPoint(p, at)));
            b.setGauge(gauge);
        } else if (m.get("sum") != null) {
            Map<String, Object> s = object(m.get("sum"), path + ".sum");
            Sum.Builder sum = Sum.newBuilder()
                    .setIsMonotonic(bool(s.get("isMonotonic"), path + ".sum.isMonotonic"))
                    .setAggregationTemporalityValue(enumValue(s.get("aggregationTemporality"),
                            path + ".sum.aggregationTemporality", AggregationTemporality::valueOf));
            points(s, path + ".sum", rejections, (p, at) -> sum.addDataPoints(numberPoint(p, at)));
            b.setSum(sum);
        } else if (m.get("histogram") != null) {
            Map<String, Object> h = object(m.get("histogram"), path + ".histogram");
            Histogram.Builder histogram = Histogram.newBuilder().setAggregationTemporalityValue(enumValue(
                    h.get("aggregationTemporality"), path + ".histogram.aggregationTemporality", AggregationTemporality::valueOf));
            points(h, path + ".histogram", rejections, (p, at) -> histogram.addDataPoints(histogramPoint(p, at)));
            b.setHistogram(histogram);
        } else if (m.get("exponentialHistogram") != null) {
            Map<String, Object> h = object(m.get("exponentialHistogram"), path + ".exponentialHistogram");
            ExponentialHistogram.Builder histogram = ExponentialHistogram.newBuilder();
            points(h, path + ".exponentialHistogram", rejections, (p, at) -> histogram.addDataPoints(
                    ExponentialHistogramDataPoint.newBuilder()
                            .addAllAttributes(attributes(p.get("attributes"), at + ".attributes"))
                            .setStartTimeUnixNano(uint64(p.get("startTimeUnixNano"), at + ".startTimeUnixNano"))
                            .setTimeUnixNano(uint64(p.get("timeUnixNano"), at + ".timeUnixNano"))
                            .setCount(uint64(p.get("count"), at + ".count"))
                            .setSum(dbl(p.get("sum"), at + ".sum"))
                            .setFlags(int32(p.get("flags"), at + ".flags"))));
            b.setExponentialHistogram(histogram);
        } else if (m.get("summary") != null) {
            Map<String, Object> s = object(m.get("summary"), path + ".summary");
            Summary.Builder summary = Summary.newBuilder();
            points(s, path + ".summary", rejections, (p, at) -> summary.addDataPoints(summaryPoint(p, at)));
            b.setSummary(summary);
        }
        return b.build();
    }

    private interface PointSink {
        void add(Map<String, Object> point, String path);
    }

    private static void points(Map<String, Object> data, String path, Rejections rejections, PointSink sink) {
        List<Object> points = array(data.get("dataPoints"), path + ".dataPoints");
        for (int i = 0; i < points.size(); i++) {
            String at = path + ".dataPoints[" + i + "]";
            try {
                sink.add(object(points.get(i), at), at);
            } catch (OtlpFormatException | ItemRejectedException e) {
                rejections.item();
                rejections.reject(at, e.getMessage());
            }
        }
    }

    private static NumberDataPoint numberPoint(Map<String, Object> p, String at) {
        NumberDataPoint.Builder b = NumberDataPoint.newBuilder()
                .addAllAttributes(attributes(p.get("attributes"), at + ".attributes"))
                .setStartTimeUnixNano(uint64(p.get("startTimeUnixNano"), at + ".startTimeUnixNano"))
                .setTimeUnixNano(uint64(p.get("timeUnixNano"), at + ".timeUnixNano"))
                .setFlags(int32(p.get("flags"), at + ".flags"));
        if (p.get("asDouble") != null) {
            b.setAsDouble(dbl(p.get("asDouble"), at + ".asDouble"));
        } else if (p.get("asInt") != null) {
            b.setAsInt(int64(p.get("asInt"), at + ".asInt"));
        }
        return b.build();
    }

    private static HistogramDataPoint histogramPoint(Map<String, Object> p, String at) {
        HistogramDataPoint.Builder b = HistogramDataPoint.newBuilder()
                .addAllAttributes(attributes(p.get("attributes"), at + ".attributes"))
                .setStartTimeUnixNano(uint64(p.get("startTimeUnixNano"), at + ".startTimeUnixNano"))
                .setTimeUnixNano(uint64(p.get("timeUnixNano"), at + ".timeUnixNano"))
                .setCount(uint64(p.get("count"), at + ".count"))
                .setFlags(int32(p.get("flags"), at + ".flags"));
        if (p.get("sum") != null) {
            b.setSum(dbl(p.get("sum"), at + ".sum"));
        }
        List<Object> counts = array(p.get("bucketCounts"), at + ".bucketCounts");
        for (int i = 0; i < counts.size(); i++) {
            b.addBucketCounts(uint64(counts.get(i), at + ".bucketCounts[" + i + "]"));
        }
        List<Object> bounds = array(p.get("explicitBounds"), at + ".explicitBounds");
        for (int i = 0; i < bounds.size(); i++) {
            b.addExplicitBounds(dbl(bounds.get(i), at + ".explicitBounds[" + i + "]"));
        }
        return b.build();
    }

    private static SummaryDataPoint summaryPoint(Map<String, Object> p, String at) {
        SummaryDataPoint.Builder b = SummaryDataPoint.newBuilder()
                .addAllAttributes(attributes(p.get("attributes"), at + ".attributes"))
                .setStartTimeUnixNano(uint64(p.get("startTimeUnixNano"), at + ".startTimeUnixNano"))
                .setTimeUnixNano(uint64(p.get("timeUnixNano"), at + ".timeUnixNano"))
                .setCount(uint64(p.get("count"), at + ".count"))
                .setSum(dbl(p.get("sum"), at + ".sum"))
                .setFlags(int32(p.get("flags"), at + ".flags"));
        List<Object> quantiles = array(p.get("quantileValues"), at + ".quantileValues");
        for (int i = 0; i < quantiles.size(); i++) {
            String q = at + ".quantileValues[" + i + "]";
            Map<String, Object> qv = object(quantiles.get(i), q);
            b.addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                    .setQuantile(dbl(qv.get("quantile"), q + ".quantile"))
                    .setValue(dbl(qv.get("value"), q + ".value")));
        }
        return b.build();
    }

    // ---- traces -----------------------------------------------------------------------------

    static ExportTraceServiceRequest traces(byte[] body, Rejections rejections) {
        Map<String, Object> root = JsonTree.parseObject(body);
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        List<Object> resources = array(root.get("resourceSpans"), "resourceSpans");
        for (int r = 0; r < resources.size(); r++) {
            String rPath = "resourceSpans[" + r + "]";
            Map<String, Object> rs = object(resources.get(r), rPath);
            ResourceSpans.Builder out = ResourceSpans.newBuilder()
                    .setResource(resource(rs.get("resource"), rPath + ".resource"))
                    .setSchemaUrl(string(rs.get("schemaUrl"), rPath + ".schemaUrl"));
            List<Object> scopes = array(rs.get("scopeSpans"), rPath + ".scopeSpans");
            for (int s = 0; s < scopes.size(); s++) {
                String sPath = rPath + ".scopeSpans[" + s + "]";
                Map<String, Object> ss = object(scopes.get(s), sPath);
                ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                        .setScope(scope(ss.get("scope"), sPath + ".scope"))
                        .setSchemaUrl(string(ss.get("schemaUrl"), sPath + ".schemaUrl"));
                List<Object> spans = array(ss.get("spans"), sPath + ".spans");
                for (int i = 0; i < spans.size(); i++) {
                    String path = sPath + ".spans[" + i + "]";
                    try {
                        scope.addSpans(span(object(spans.get(i), path), path));
                    } catch (OtlpFormatException | ItemRejectedException e) {
                        rejections.item();
                        rejections.reject(path, e.getMessage());
                    }
                }
                out.addScopeSpans(scope);
            }
            request.addResourceSpans(out);
        }
        return request.build();
    }

    private static Span span(Map<String, Object> m, String path) {
        Span.Builder b = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(JsonTree.hexId(m.get("traceId"), path + ".traceId", 16)))
                .setSpanId(ByteString.copyFrom(JsonTree.hexId(m.get("spanId"), path + ".spanId", 8)))
                .setParentSpanId(ByteString.copyFrom(JsonTree.hexId(m.get("parentSpanId"), path + ".parentSpanId", 8)))
                .setTraceState(string(m.get("traceState"), path + ".traceState"))
                .setFlags(int32(m.get("flags"), path + ".flags"))
                .setName(string(m.get("name"), path + ".name"))
                .setKindValue(enumValue(m.get("kind"), path + ".kind", Span.SpanKind::valueOf))
                .setStartTimeUnixNano(uint64(m.get("startTimeUnixNano"), path + ".startTimeUnixNano"))
                .setEndTimeUnixNano(uint64(m.get("endTimeUnixNano"), path + ".endTimeUnixNano"))
                .addAllAttributes(attributes(m.get("attributes"), path + ".attributes"))
                .setDroppedAttributesCount(int32(m.get("droppedAttributesCount"), path + ".droppedAttributesCount"));
        if (m.get("status") != null) {
            Map<String, Object> st = object(m.get("status"), path + ".status");
            b.setStatus(Status.newBuilder()
                    .setMessage(string(st.get("message"), path + ".status.message"))
                    .setCodeValue(enumValue(st.get("code"), path + ".status.code", Status.StatusCode::valueOf)));
        }
        // events and links are not stored by Vigil; their shape is not checked
        return b.build();
    }

    // ---- common -----------------------------------------------------------------------------

    private static Resource resource(Object value, String path) {
        Map<String, Object> m = object(value, path);
        return Resource.newBuilder()
                .addAllAttributes(attributes(m.get("attributes"), path + ".attributes"))
                .setDroppedAttributesCount(int32(m.get("droppedAttributesCount"), path + ".droppedAttributesCount"))
                .build();
    }

    private static InstrumentationScope scope(Object value, String path) {
        Map<String, Object> m = object(value, path);
        return InstrumentationScope.newBuilder()
                .setName(string(m.get("name"), path + ".name"))
                .setVersion(string(m.get("version"), path + ".version"))
                .addAllAttributes(attributes(m.get("attributes"), path + ".attributes"))
                .build();
    }

    private static List<KeyValue> attributes(Object value, String path) {
        return keyValues(value, path, 0);
    }

    private static List<KeyValue> keyValues(Object value, String path, int depth) {
        List<Object> list = array(value, path);
        KeyValue[] out = new KeyValue[list.size()];
        for (int i = 0; i < out.length; i++) {
            String at = path + "[" + i + "]";
            Map<String, Object> kv = object(list.get(i), at);
            KeyValue.Builder b = KeyValue.newBuilder().setKey(string(kv.get("key"), at + ".key"));
            if (kv.get("value") != null) {
                b.setValue(anyValue(kv.get("value"), at + ".value", depth + 1));
            }
            out[i] = b.build();
        }
        return List.of(out);
    }

    private static AnyValue anyValue(Object value, String path, int depth) {
        Map<String, Object> m = object(value, path);
        AnyValue.Builder b = AnyValue.newBuilder();
        if (m.containsKey("stringValue")) {
            b.setStringValue(string(m.get("stringValue"), path + ".stringValue"));
        } else if (m.containsKey("boolValue")) {
            b.setBoolValue(bool(m.get("boolValue"), path + ".boolValue"));
        } else if (m.containsKey("intValue")) {
            b.setIntValue(int64(m.get("intValue"), path + ".intValue"));
        } else if (m.containsKey("doubleValue")) {
            b.setDoubleValue(dbl(m.get("doubleValue"), path + ".doubleValue"));
        } else if (m.containsKey("bytesValue")) {
            b.setBytesValue(ByteString.copyFrom(JsonTree.base64(m.get("bytesValue"), path + ".bytesValue")));
        } else if (m.containsKey("arrayValue")) {
            Map<String, Object> array = object(m.get("arrayValue"), path + ".arrayValue");
            List<Object> values = array(array.get("values"), path + ".arrayValue.values");
            ArrayValue.Builder out = ArrayValue.newBuilder();
            for (int i = 0; i < values.size(); i++) {
                out.addValues(anyValue(values.get(i), path + ".arrayValue.values[" + i + "]", depth + 1));
            }
            b.setArrayValue(out);
        } else if (m.containsKey("kvlistValue")) {
            Map<String, Object> kv = object(m.get("kvlistValue"), path + ".kvlistValue");
            b.setKvlistValue(KeyValueList.newBuilder().addAllValues(keyValues(kv.get("values"), path + ".kvlistValue.values", depth + 1)));
        }
        return b.build();
    }

    private static <E extends Internal.EnumLite> int enumValue(Object value, String path,
                                                              java.util.function.Function<String, E> byName) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s && !s.isEmpty() && !Character.isDigit(s.charAt(0)) && s.charAt(0) != '-') {
            try {
                return byName.apply(s).getNumber();
            } catch (IllegalArgumentException e) {
                throw new OtlpFormatException(path + ": unknown enum value '" + JsonTree.abbreviate(s) + "'; OTLP/JSON sends enums as integers");
            }
        }
        return int32(value, path);
    }
}
