package dev.vigil.analytics.bottlenecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.analytics.TimeRange;
import org.junit.jupiter.api.Test;

/** The arithmetic the analysis rests on, on hand-computed cases. */
class BottleneckPartsTest {
    private static final long MS = 1_000_000L;

    @Test
    void bucketsCoverTheBaselineThenTheWindowAlignedToTheWidth() {
        // Window [10 500 ms, 20 500 ms), baseline [500 ms, 10 500 ms), 1 s buckets aligned at whole seconds.
        TimeRange window = new TimeRange(10_500 * MS, 20_500 * MS);
        BucketLayout layout = BucketLayout.of(window.preceding(window.length()), window, 1000);
        assertEquals(11, layout.baselineBuckets());
        assertEquals(11, layout.windowBuckets());
        assertEquals(0, layout.index(500 * MS));
        assertEquals(10, layout.index(10_499 * MS));
        assertEquals(11, layout.index(10_500 * MS));
        assertEquals(21, layout.index(20_499 * MS));
        assertEquals(-1, layout.index(20_500 * MS));
        assertEquals(-1, layout.index(499 * MS));
        assertTrue(layout.inWindow(11));
    }

    @Test
    void nestedTimeCountsParallelCallsOnce() {
        List<long[]> calls = new ArrayList<>(List.of(new long[] {0, 10}, new long[] {5, 15}, new long[] {20, 30}, new long[] {22, 25},
                new long[] {40, 40}));
        assertEquals(25, SpanAttributor.unionLength(calls));
    }

    @Test
    void pearsonSkipsEmptyBucketsAndNeedsEnoughOfThem() {
        double nan = Double.NaN;
        double[] r = SaturationLinker.pearson(new double[] {1, 2, nan, 3, 4, 5}, new double[] {2, 4, 100, 6, 8, nan});
        assertTrue(Double.isNaN(r[0]), "4 paired buckets are too few");
        r = SaturationLinker.pearson(new double[] {1, 2, nan, 3, 4, 5, 6}, new double[] {2, 4, 100, 6, 8, 10, 11});
        assertEquals(6, r[1]);
        assertEquals(0.99608, r[0], 1e-5);
        r = SaturationLinker.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1});
        assertEquals(-1, r[0], 1e-12);
    }

    @Test
    void resourcesAreRecognisedByName() {
        assertEquals(ResourceKind.POOL, ResourceKind.of("db_pool_pending_threads"));
        assertEquals(ResourceKind.POOL, ResourceKind.of("hikaricp_connections_active"));
        assertEquals(ResourceKind.MEMORY, ResourceKind.of("jvm_gc_pause_seconds_max"));
        assertEquals(ResourceKind.MEMORY, ResourceKind.of("jvm_memory_used_bytes"));
        assertEquals(ResourceKind.CPU, ResourceKind.of("process_cpu_usage"));
        assertEquals(ResourceKind.QUEUE, ResourceKind.of("executor_queue_remaining_tasks"));
        assertEquals(ResourceKind.THREADS, ResourceKind.of("jvm_threads_live_threads"));
        assertNull(ResourceKind.of("http_server_request_p99_seconds"));
        assertTrue(ResourceKind.isSaturation("jvm_gc_pause_seconds_max"));
        assertTrue(ResourceKind.isSaturation("db_pool_pending_threads"));
        assertTrue(!ResourceKind.isSaturation("db_pool_active_connections"));
    }

    @Test
    void aQueryFillsItsDefaultsAndRefusesTooManyBuckets() {
        TimeRange window = new TimeRange(0, Duration.ofMinutes(25).toNanos());
        BottleneckQuery query = BottleneckQuery.of(window);
        assertEquals(window.preceding(window.length()), query.baseline());
        assertEquals(Duration.ofMinutes(1), query.bucket());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BottleneckQuery(window, null, null, Duration.ofMillis(10), 10));
        assertTrue(e.getMessage().contains("bucket"), e.getMessage());
    }
}
