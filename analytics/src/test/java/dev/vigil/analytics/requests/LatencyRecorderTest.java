package dev.vigil.analytics.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    private static final long SEED = 20261125L;
    /** Half a cell of 1/64 octave: the promised bound. */
    private static final double BOUND = 1.0 / 128;

    /** Nearest-rank percentile of sorted values, in ms. */
    private static double exact(long[] sorted, double q) {
        int rank = (int) Math.max(1, Math.min(sorted.length, Math.ceil(q * sorted.length)));
        return sorted[rank - 1] / 1000.0;
    }

    private static void assertWithin(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= BOUND * expected + 1e-9,
                what + ": " + actual + " vs exact " + expected + " (seed " + SEED + ")");
    }

    @Test
    void smallSetsAreExact() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 100; ms >= 1; ms--) {
            recorder.record(ms * 1000L);
        }
        LatencySummary summary = recorder.summary();
        assertEquals(new LatencySummary(100, 50, 95, 99, 100, 5050), summary);
    }

    @Test
    void largeSetsStayWithinTheBoundAndKeepCountTotalAndMaxExact() {
        Random random = new Random(SEED);
        for (int trial = 0; trial < 20; trial++) {
            int n = 300 + random.nextInt(50_000);
            double scale = Math.pow(10, 1 + random.nextInt(6));
            long[] values = new long[n];
            LatencyRecorder recorder = new LatencyRecorder();
            long total = 0;
            for (int i = 0; i < n; i++) {
                values[i] = (long) (scale * Math.exp(random.nextGaussian()));
                recorder.record(values[i]);
                total += values[i];
            }
            Arrays.sort(values);
            LatencySummary summary = recorder.summary();
            assertEquals(n, summary.count());
            assertEquals(values[n - 1] / 1000.0, summary.maxMs(), 1e-9);
            assertEquals(total / 1000.0, summary.totalMs(), 1e-6);
            assertWithin(exact(values, 0.50), summary.p50Ms(), "p50 of trial " + trial);
            assertWithin(exact(values, 0.95), summary.p95Ms(), "p95 of trial " + trial);
            assertWithin(exact(values, 0.99), summary.p99Ms(), "p99 of trial " + trial);
        }
    }

    @Test
    void mergingGivesWhatRecordingEverythingInOneGives() {
        Random random = new Random(SEED);
        LatencyRecorder all = new LatencyRecorder();
        LatencyRecorder merged = new LatencyRecorder();
        // Small parts merge while exact, then an exact part meets a histogram and histograms meet.
        int[] sizes = {10, 100, 100, 3_000, 5, 40_000, 1};
        for (int size : sizes) {
            LatencyRecorder part = new LatencyRecorder();
            for (int i = 0; i < size; i++) {
                long micros = (long) (20_000 * Math.exp(random.nextGaussian()));
                part.record(micros);
                all.record(micros);
            }
            LatencySummary before = part.summary();
            merged.merge(part);
            assertEquals(before, part.summary(), "merging must leave its source unchanged");
            assertEquals(all.summary(), merged.summary(), "after merging a part of " + size);
        }
        merged.merge(new LatencyRecorder());
        assertEquals(all.summary(), merged.summary());
    }

    @Test
    void cellsAreContiguousAndNarrow() {
        Random random = new Random(SEED);
        assertEquals(0, LatencyRecorder.index(0));
        assertEquals(127, LatencyRecorder.index(127));
        assertEquals(128, LatencyRecorder.index(128));
        for (int i = 0; i < 100_000; i++) {
            long micros = random.nextLong() >>> (1 + random.nextInt(62));
            int index = LatencyRecorder.index(micros);
            long low = LatencyRecorder.lowerBound(index);
            long width = LatencyRecorder.width(index);
            assertTrue(low <= micros && micros - low < width, micros + " outside cell " + index);
            assertTrue(width == 1 || (double) width / low <= 1.0 / 64, "cell " + index + " too wide");
            if (low + width > 0) { // the last cell ends at Long.MAX_VALUE
                assertEquals(index + 1, LatencyRecorder.index(low + width), "cells must be contiguous at " + index);
            }
        }
    }

    @Test
    void negativeDurationsCountAsZeroAndAnEmptyRecorderIsEmpty() {
        assertEquals(LatencySummary.EMPTY, new LatencyRecorder().summary());
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(-5);
        assertEquals(new LatencySummary(1, 0, 0, 0, 0, 0), recorder.summary());
    }
}
