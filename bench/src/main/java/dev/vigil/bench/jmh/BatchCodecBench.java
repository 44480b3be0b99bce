package dev.vigil.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.ingest.codec.BatchCodec;
import dev.vigil.ingest.codec.DecodedBatch;
import dev.vigil.ingest.model.EventKind;
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
 * The journal record codec on one batch of 1,000 access-log events: {@code encode} runs once per
 * request before the append, {@code decode} once per record on the indexer thread. Score: events
 * per second on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BatchCodecBench {
    private List<LogEvent> events;
    private byte[] record;

    @Setup
    public void setup() {
        events = Fixtures.events(2);
        record = BatchCodec.encode(EventKind.LOG, events);
        System.out.printf("%nrecord: %d events, %d bytes (%.0f bytes/event)%n", events.size(), record.length, record.length / (double) events.size());
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.BATCH)
    public byte[] encode() {
        return BatchCodec.encode(EventKind.LOG, events);
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.BATCH)
    public DecodedBatch decode() {
        return BatchCodec.decode(record, 0, record.length);
    }
}
