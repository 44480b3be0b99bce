package dev.vigil.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.bench.AccessLogGenerator;
import dev.vigil.bench.protocols.BinaryBodies;
import dev.vigil.ingest.promrw.RemoteWriteBatch;
import dev.vigil.ingest.promrw.RemoteWriteDecoder;
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
 * {@code RemoteWriteDecoder.decode} (snappy block + protobuf {@code WriteRequest} into
 * {@code MetricSample}s) on the body the per-protocol benchmark sends: 1,000 series of one sample
 * each, {@code http_request_duration_milliseconds} with five labels (service, host, method, route,
 * status). Score: samples per second on one thread. {@code decodeProtobuf} leaves out the snappy
 * step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RemoteWriteDecoderBench {
    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder(64 << 20);
    private byte[] body;
    private byte[] raw;

    @Setup
    public void setup() {
        AccessLogGenerator generator = new AccessLogGenerator(1);
        List<AccessLogGenerator.AccessLog> events = new ArrayList<>();
        for (int i = 0; i < Fixtures.BATCH; i++) {
            events.add(generator.event(Fixtures.TIMESTAMP_MILLIS, i));
        }
        body = BinaryBodies.remoteWriteBody(events, Fixtures.TIMESTAMP_MILLIS);
        raw = decoder.uncompress(body);
        RemoteWriteBatch batch = decoder.decode(body);
        if (!batch.ok() || batch.samples().size() != Fixtures.BATCH) {
            throw new IllegalStateException("body does not decode: " + batch.errors());
        }
        System.out.printf("%nbody: %d series, %d bytes snappy, %d bytes protobuf%n", batch.series(), body.length, raw.length);
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.BATCH)
    public RemoteWriteBatch decode() {
        return decoder.decode(body);
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.BATCH)
    public RemoteWriteBatch decodeProtobuf() {
        return decoder.decodeProtobuf(raw, 0, raw.length);
    }
}
