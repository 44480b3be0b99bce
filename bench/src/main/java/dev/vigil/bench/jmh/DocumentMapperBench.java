package dev.vigil.bench.jmh;

import java.util.concurrent.TimeUnit;

import dev.vigil.ingest.index.DocumentMapper;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code DocumentMapper.toDocument} for access-log events (building the Lucene fields, including
 * the per-event {@code _source} encoding; no Lucene indexing). Runs on the indexer thread for
 * every event. Score: events per second on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DocumentMapperBench {
    private final DocumentMapper mapper = new DocumentMapper();
    private LogEvent[] events;

    @Setup
    public void setup() {
        events = Fixtures.events(3).toArray(new LogEvent[0]);
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.BATCH)
    public void toDocument(Blackhole blackhole) {
        for (LogEvent event : events) {
            blackhole.consume(mapper.toDocument(event));
        }
    }
}
