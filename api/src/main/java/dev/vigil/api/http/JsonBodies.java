package dev.vigil.api.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.analytics.anomaly.AnomalyEpisode;
import dev.vigil.analytics.metrics.StepSeries;
import dev.vigil.analytics.requests.BucketStats;
import dev.vigil.analytics.requests.EndpointStats;
import dev.vigil.analytics.requests.LatencySummary;
import dev.vigil.analytics.requests.RequestStats;
import dev.vigil.analytics.requests.ServiceStats;
import dev.vigil.analytics.search.Histogram;
import dev.vigil.analytics.search.SearchResult;
import dev.vigil.ingest.codec.EventJson;
import dev.vigil.ingest.model.Event;
import dev.vigil.rca.Evidence;
import dev.vigil.rca.RcaResult;
import dev.vigil.rca.RootCauseCandidate;
import io.vertx.core.buffer.Buffer;

/**
 * Streams response bodies with Jackson: search hits can be thousands of events, and building a
 * tree first would double the work. NaN and infinities become JSON null.
 */
final class JsonBodies {
    private static final JsonFactory FACTORY = new JsonFactory();

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonBodies() {
    }

    static Buffer write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }

    static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field);
        }
    }

    static Buffer search(SearchResult result) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("total", result.total());
            g.writeNumberField("took_ms", round(result.tookMillis()));
            g.writeArrayFieldStart("hits");
            for (Event event : result.hits()) {
                EventJson.write(g, event);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static Buffer histogram(Histogram histogram) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("interval", histogram.interval().toString());
            g.writeNumberField("interval_ms", histogram.interval().toMillis());
            g.writeNumberField("total", histogram.total());
            g.writeNumberField("took_ms", round(histogram.tookMillis()));
            g.writeArrayFieldStart("buckets");
            long step = histogram.interval().toNanos();
            long[] counts = histogram.counts();
            for (int i = 0; i < counts.length; i++) {
                g.writeStartObject();
                g.writeStringField("start", dev.vigil.ingest.model.Timestamps.format(histogram.startNanos() + i * step));
                g.writeNumberField("count", counts[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static Buffer series(List<StepSeries> series, String aggregation, long stepMillis, double tookMillis) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("aggregation", aggregation);
            g.writeNumberField("step_ms", stepMillis);
            g.writeNumberField("took_ms", round(tookMillis));
            g.writeArrayFieldStart("series");
            for (StepSeries one : series) {
                g.writeStartObject();
                if (one.name() != null) {
                    g.writeStringField("name", one.name());
                }
                labels(g, one.labels());
                g.writeArrayFieldStart("points");
                for (int i = 0; i < one.values().length; i++) {
                    if (Double.isNaN(one.values()[i])) {
                        continue;
                    }
                    g.writeStartArray();
                    g.writeString(Instant.ofEpochMilli(one.timestampsMillis()[i]).toString());
                    g.writeNumber(one.values()[i]);
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static void labels(JsonGenerator g, Map<String, String> labels) throws IOException {
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : labels.entrySet()) {
            g.writeStringField(label.getKey(), label.getValue());
        }
        g.writeEndObject();
    }

    static Buffer requestStats(RequestStats stats, boolean withBuckets) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("window");
            g.writeStringField("from", stats.range().from().toString());
            g.writeStringField("to", stats.range().to().toString());
            g.writeEndObject();
            g.writeNumberField("bucket_ms", stats.bucketMillis());
            g.writeArrayFieldStart("services");
            for (ServiceStats service : stats.services()) {
                g.writeStartObject();
                g.writeStringField("service", service.service());
                g.writeNumberField("requests", service.requests());
                g.writeNumberField("errors", service.errors());
                number(g, "error_rate", service.errorRate());
                g.writeNumberField("log_lines", service.logLines());
                g.writeNumberField("error_log_lines", service.errorLogLines());
                latency(g, service.latency());
                if (withBuckets) {
                    buckets(g, service.buckets());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("endpoints");
            for (EndpointStats endpoint : stats.endpoints()) {
                g.writeStartObject();
                g.writeStringField("service", endpoint.service());
                g.writeStringField("endpoint", endpoint.endpoint());
                g.writeNumberField("requests", endpoint.requests());
                g.writeNumberField("errors", endpoint.errors());
                number(g, "error_rate", endpoint.errorRate());
                number(g, "rate_per_second", endpoint.ratePerSecond());
                latency(g, endpoint.latency());
                if (withBuckets) {
                    buckets(g, endpoint.buckets());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void latency(JsonGenerator g, LatencySummary latency) throws IOException {
        number(g, "p50_ms", latency.p50Ms());
        number(g, "p95_ms", latency.p95Ms());
        number(g, "p99_ms", latency.p99Ms());
        number(g, "max_ms", latency.maxMs());
    }

    private static void buckets(JsonGenerator g, List<BucketStats> buckets) throws IOException {
        g.writeArrayFieldStart("buckets");
        for (BucketStats bucket : buckets) {
            g.writeStartObject();
            g.writeStringField("start", Instant.ofEpochMilli(bucket.startMillis()).toString());
            g.writeNumberField("requests", bucket.requests());
            g.writeNumberField("errors", bucket.errors());
            number(g, "error_rate", bucket.errorRate());
            latency(g, bucket.latency());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static Buffer anomalies(StepSeries series, double[] scores, List<AnomalyEpisode> episodes, long stepMillis) {
        return write(g -> {
            g.writeStartObject();
            if (series.name() != null) {
                g.writeStringField("name", series.name());
            }
            labels(g, series.labels());
            g.writeNumberField("step_ms", stepMillis);
            g.writeArrayFieldStart("points");
            for (int i = 0; i < scores.length; i++) {
                g.writeStartObject();
                g.writeStringField("t", Instant.ofEpochMilli(series.timestampsMillis()[i]).toString());
                number(g, "value", series.values()[i]);
                number(g, "score", scores[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("anomalies");
            for (AnomalyEpisode episode : episodes) {
                g.writeStartObject();
                g.writeStringField("onset", Instant.ofEpochMilli(series.timestampsMillis()[episode.start()]).toString());
                g.writeStringField("end", Instant.ofEpochMilli(series.timestampsMillis()[episode.end()] + stepMillis).toString());
                number(g, "peak_score", episode.peakScore());
                number(g, "peak_value", series.values()[episode.peakIndex()]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static Buffer rca(RcaResult result) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("window");
            g.writeStringField("from", result.window().from().toString());
            g.writeStringField("to", result.window().to().toString());
            g.writeEndObject();
            g.writeObjectFieldStart("baseline");
            g.writeStringField("from", result.baseline().from().toString());
            g.writeStringField("to", result.baseline().to().toString());
            g.writeEndObject();
            g.writeArrayFieldStart("candidates");
            for (RootCauseCandidate candidate : result.candidates()) {
                g.writeStartObject();
                g.writeNumberField("rank", candidate.rank());
                g.writeStringField("kind", candidate.kind().label());
                g.writeStringField("service", candidate.service());
                g.writeStringField("subject", candidate.subject());
                g.writeNumberField("score", candidate.score());
                if (candidate.onset() != null) {
                    g.writeStringField("onset", candidate.onset().toString());
                } else {
                    g.writeNullField("onset");
                }
                g.writeArrayFieldStart("evidence");
                for (Evidence evidence : candidate.evidence()) {
                    g.writeStartObject();
                    g.writeStringField("description", evidence.description());
                    if (evidence.value() != null) {
                        g.writeNumberField("value", evidence.value());
                    }
                    if (evidence.baseline() != null) {
                        g.writeNumberField("baseline", evidence.baseline());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("explanation", candidate.explanation());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("signals", result.signals().size());
            g.writeNumberField("took_ms", round(result.tookMillis()));
            g.writeEndObject();
        });
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
