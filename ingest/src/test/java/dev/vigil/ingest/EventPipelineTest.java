package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.ingest.index.DocumentEnricher;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;
import dev.vigil.ingest.metrics.LabelMatcher;
import dev.vigil.ingest.metrics.SeriesSamples;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import dev.vigil.ingest.model.MetricSample;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPipelineTest {
    private static final long T0 = 1_793_613_600_000_000_000L; // 2026-11-02T10:00:00Z

    @TempDir
    Path dataDir;

    private static List<LogEvent> logs(int from, int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(new LogEvent(T0 + i * 1_000_000L, "checkout", "checkout-1", Level.INFO, "order " + i + " placed",
                    Map.of("route", "/api/checkout", "method", "POST", "status", "200", "duration_ms", "12.5", "seq", "s" + i)));
        }
        return events;
    }

    private static long count(EventPipeline pipeline, String field, String value) throws Exception {
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            return snapshot.searcher().count(new TermQuery(new Term(field, value)));
        }
    }

    @Test
    void acknowledgedEventsBecomeSearchableAndSurviveRestartExactlyOnce() throws Exception {
        PipelineConfig config = PipelineConfig.defaults(dataDir);
        long last;
        try (EventPipeline pipeline = EventPipeline.open(config)) {
            pipeline.append(EventKind.LOG, logs(0, 500)).join();
            last = pipeline.append(EventKind.LOG, logs(500, 500)).join();
            pipeline.awaitSearchable(last).join();
            assertEquals(1000, count(pipeline, IndexFields.KIND, IndexFields.KIND_LOG));
            assertEquals(1, count(pipeline, "seq", "s777"));
        }
        try (EventPipeline pipeline = EventPipeline.open(config)) {
            long next = pipeline.append(EventKind.LOG, logs(1000, 10)).join();
            pipeline.awaitSearchable(next).join();
            assertTrue(pipeline.ready());
            assertEquals(1010, count(pipeline, IndexFields.KIND, IndexFields.KIND_LOG));
            assertEquals(1, count(pipeline, "seq", "s5"));
        }
    }

    @Test
    void metricSamplesRoundTripThroughHeadsChunksAndRestart() throws Exception {
        PipelineConfig config = PipelineConfig.defaults(dataDir);
        List<MetricSample> samples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            samples.add(new MetricSample("db_pool_active_connections", Map.of("service", "payments"), T0 + i * 30_000_000_000L, i % 20));
            samples.add(new MetricSample("db_pool_active_connections", Map.of("service", "checkout"), T0 + i * 30_000_000_000L, 3));
        }
        List<LabelMatcher> payments = List.of(LabelMatcher.of("service", LabelMatcher.Op.EQ, "payments"));
        try (EventPipeline pipeline = EventPipeline.open(config)) {
            long index = pipeline.append(EventKind.METRIC, samples).join();
            pipeline.awaitSearchable(index).join();
            List<SeriesSamples> found;
            try (IndexSnapshot snapshot = pipeline.snapshot()) {
                found = pipeline.metrics().select(snapshot, "db_pool_active_connections", payments, T0, Long.MAX_VALUE);
            }
            assertEquals(1, found.size());
            assertEquals(300, found.get(0).size());
            assertEquals(19.0, found.get(0).values()[19]);
        }
        try (EventPipeline pipeline = EventPipeline.open(config)) {
            // Replayed heads plus committed chunks: every sample exactly once.
            pipeline.awaitSearchable(pipeline.journal().lastIndex()).join();
            try (IndexSnapshot snapshot = pipeline.snapshot()) {
                List<SeriesSamples> all = pipeline.metrics().select(snapshot, "db_pool_active_connections", List.of(), T0, Long.MAX_VALUE);
                assertEquals(2, all.size());
                long[] expected = new long[300];
                for (int i = 0; i < 300; i++) {
                    expected[i] = T0 / 1_000_000L + i * 30_000L;
                }
                assertArrayEquals(expected, all.get(1).timestampsMillis());
                assertEquals("payments", all.get(1).labels().get("service"));
            }
        }
    }

    @Test
    void aRetriedMetricBatchIsDroppedAsDuplicatesAndIndexingGoesOn() throws Exception {
        // A shipper that retries a request already stored sends the same timestamps again; that
        // must neither stop the indexer nor store the samples twice.
        List<MetricSample> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(new MetricSample("queue_depth", Map.of("shard", "a"), T0 + i * 1_000_000_000L, i));
        }
        try (EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dataDir))) {
            pipeline.append(EventKind.METRIC, batch).join();
            pipeline.append(EventKind.METRIC, batch.subList(9, 10)).join();
            long logs = pipeline.append(EventKind.LOG, logs(0, 5)).join();
            pipeline.awaitSearchable(logs).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(5, count(pipeline, IndexFields.KIND, IndexFields.KIND_LOG));
            assertEquals(1, pipeline.metrics().duplicateSamples());
            try (IndexSnapshot snapshot = pipeline.snapshot()) {
                List<SeriesSamples> found = pipeline.metrics().select(snapshot, "queue_depth", List.of(), T0, Long.MAX_VALUE);
                assertEquals(10, found.get(0).size());
            }
        }
    }

    @Test
    void aFailingEnricherLeavesEventsIndexedWithoutDerivedFields() throws Exception {
        DocumentEnricher failsOnOdd = (event, doc) -> {
            if (event.message().endsWith("1 placed")) {
                throw new IllegalStateException("enricher fault");
            }
            doc.add(new org.apache.lucene.document.StringField("derived", "yes", org.apache.lucene.document.Field.Store.NO));
        };
        try (EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dataDir), failsOnOdd)) {
            long last = pipeline.append(EventKind.LOG, logs(0, 20)).join();
            pipeline.awaitSearchable(last).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(20, count(pipeline, IndexFields.KIND, IndexFields.KIND_LOG));
            assertEquals(18, count(pipeline, "derived", "yes"));
            assertTrue(pipeline.ready(), "the indexer goes on");
        }
    }

    @Test
    void metricReadsDuringSealingNeitherDeadlockNorMissSamples() throws Exception {
        try (EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dataDir))) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    try (IndexSnapshot snapshot = pipeline.snapshot()) {
                        pipeline.metrics().select(snapshot, "queue_depth", List.of(), T0, Long.MAX_VALUE);
                        reads.incrementAndGet();
                    }
                }
            });
            reader.start();
            long last = -1;
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
                long index = -1;
                for (int batch = 0; batch < 50; batch++) {
                    List<MetricSample> samples = new ArrayList<>();
                    for (int i = 0; i < 1000; i++) {
                        int n = batch * 1000 + i;
                        samples.add(new MetricSample("queue_depth", Map.of("shard", "s" + (n % 4)), T0 + n * 1_000_000_000L, n));
                    }
                    index = pipeline.append(EventKind.METRIC, samples).join();
                }
                pipeline.awaitSearchable(index).join();
            });
            done.set(true);
            reader.join(10_000);
            assertTrue(reads.get() > 0, "the reader ran");
            try (IndexSnapshot snapshot = pipeline.snapshot()) {
                long total = 0;
                for (SeriesSamples series : pipeline.metrics().select(snapshot, "queue_depth", List.of(), T0, Long.MAX_VALUE)) {
                    total += series.size();
                }
                assertEquals(50_000, total);
            }
        }
    }
}
