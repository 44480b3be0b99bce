package dev.vigil.ingest.metrics.chunk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compression ratios on typical series; measured figures are printed to the test output. */
class ChunkCompressionTest {

    private static final int N = 240; // one hour of 15 s scrapes

    private static double bytesPerSample(TestSeries s) {
        byte[] chunk = ChunkCodecTest.encode(s);
        ChunkCodecTest.assertDecodes(s, s.size(), chunk, s.name);
        return (chunk.length - Chunk.HEADER_BYTES) / (double) s.size();
    }

    private static double report(long seed, TestSeries s) {
        double bps = bytesPerSample(s);
        System.out.printf("compression seed=%d series=%s samples=%d bytes/sample(after header)=%.3f%n",
                seed, s.name, s.size(), bps);
        return bps;
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 17L, 20150831L, 424242L, -7L})
    void regularScrapeOfSlowCounterIsUnderTwoAndAHalfBytesPerSample(long seed) {
        System.out.println("ChunkCompressionTest.counter seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        TestSeries s = new TestSeries("regular15s-counter(+0..20)", TestSeries.regularTimestamps(N),
                TestSeries.counter(rnd, N, 20, false));
        double bps = report(seed, s);
        assertTrue(bps < 2.5, "seed=" + seed + " bytes/sample=" + bps);
    }

    @Test
    void constantSeriesIsUnderPointThreeBytesPerSample() {
        double[] constants = {42.0, 0.0, 1.0, -0.0, 1234.5678, Math.PI, Double.longBitsToDouble(TestSeries.STALE_NAN_BITS)};
        for (double c : constants) {
            TestSeries s = new TestSeries("regular15s-constant(" + c + ")", TestSeries.regularTimestamps(N),
                    TestSeries.constant(N, c));
            double bps = report(0, s);
            assertTrue(bps < 0.3, s.name + " bytes/sample=" + bps);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 20150831L})
    void informationalRatios(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double jitterCounter = report(seed, new TestSeries("jitter15s(+-5ms)-counter(+0..20)",
                TestSeries.jitteredTimestamps(rnd, N, 5), TestSeries.counter(rnd, N, 20, false)));
        double jitterConstant = report(seed, new TestSeries("jitter15s(+-5ms)-constant",
                TestSeries.jitteredTimestamps(rnd, N, 5), TestSeries.constant(N, 1.0)));
        report(seed, new TestSeries("jitter15s(+-500ms)-counter(+0..1000)",
                TestSeries.jitteredTimestamps(rnd, N, 500), TestSeries.counter(rnd, N, 1000, false)));
        report(seed, new TestSeries("regular15s-fractional-counter",
                TestSeries.regularTimestamps(N), TestSeries.fractionalCounter(rnd, N)));
        double gauge = report(seed, new TestSeries("regular15s-gauge(random walk)",
                TestSeries.regularTimestamps(N), TestSeries.gauge(rnd, N)));
        report(seed, new TestSeries("regular15s-steppy-gauge",
                TestSeries.regularTimestamps(N), TestSeries.steppyGauge(rnd, N)));
        // Loose sanity bounds: few-ms jitter costs a 9-bit timestamp code per sample.
        assertTrue(jitterCounter < 3.5, "jittered counter " + jitterCounter);
        assertTrue(jitterConstant < 1.5, "jittered constant " + jitterConstant);
        assertTrue(gauge < 8.5, "full-precision gauge " + gauge);
    }
}
