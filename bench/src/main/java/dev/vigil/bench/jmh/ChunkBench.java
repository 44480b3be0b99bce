package dev.vigil.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.vigil.ingest.metrics.chunk.ChunkEncoder;
import dev.vigil.ingest.metrics.chunk.ChunkIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The metric chunk codec (Gorilla-style) on one chunk of a counter scraped every 15 s: 120
 * samples (30 minutes), the counter growing by 0..49 per scrape. {@code jitterMs} is the scrape
 * timestamp jitter: 0 gives perfectly regular timestamps (1 bit each), 5 gives realistic
 * +-5 ms. Score: samples per second on one thread ({@code encode} includes {@code toBytes}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ChunkBench {
    static final int SAMPLES = 120;
    static final long INTERVAL_MS = 15_000;

    @Param({"0", "5"})
    public int jitterMs;

    private final long[] timestamps = new long[SAMPLES];
    private final double[] values = new double[SAMPLES];
    private final ChunkEncoder encoder = new ChunkEncoder(256);
    private final ChunkIterator iterator = new ChunkIterator();
    private byte[] chunk;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(15);
        long base = Fixtures.TIMESTAMP_MILLIS;
        double counter = 1_234_567;
        for (int i = 0; i < SAMPLES; i++) {
            long jitter = jitterMs == 0 ? 0 : random.nextInt(-jitterMs, jitterMs + 1);
            timestamps[i] = base + i * INTERVAL_MS + jitter;
            counter += random.nextInt(50);
            values[i] = counter;
        }
        chunk = encode();
        System.out.printf("%nchunk: %d samples, %d bytes (%.2f bytes/sample incl. the 21-byte header)%n",
                SAMPLES, chunk.length, chunk.length / (double) SAMPLES);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public byte[] encode() {
        ChunkEncoder e = encoder;
        e.reset();
        for (int i = 0; i < SAMPLES; i++) {
            e.append(timestamps[i], values[i]);
        }
        return e.toBytes();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long decode() {
        ChunkIterator it = iterator.reset(chunk);
        long acc = 0;
        while (it.next()) {
            acc += it.timestamp() ^ it.valueBits();
        }
        return acc;
    }
}
