package dev.vigil.bench.jmh;

import java.util.concurrent.TimeUnit;

import dev.vigil.ingest.codec.Decoded;
import dev.vigil.ingest.codec.NativeJsonDecoder;
import dev.vigil.ingest.model.LogEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code NativeJsonDecoder.logs} on a 1,000-line NDJSON body of access-log events (~250 bytes
 * each), as {@code POST /api/v1/logs} decodes it on a worker thread. Score: events per second on
 * one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class NativeJsonDecoderBench {
    private final NativeJsonDecoder decoder = new NativeJsonDecoder();
    private byte[] body;
    private long receivedNanos;

    @Setup
    public void setup() {
        body = Fixtures.body(1);
        receivedNanos = Fixtures.TIMESTAMP_MILLIS * 1_000_000L;
        Decoded<LogEvent> decoded = decoder.logs(body, receivedNanos);
        if (!decoded.ok() || decoded.events().size() != Fixtures.BATCH) {
            throw new IllegalStateException("body does not decode: " + decoded.errors());
        }
        System.out.printf("%nbody: %d lines, %d bytes (%.0f bytes/line)%n", Fixtures.BATCH, body.length, body.length / (double) Fixtures.BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.BATCH)
    public Decoded<LogEvent> logs() {
        return decoder.logs(body, receivedNanos);
    }
}
