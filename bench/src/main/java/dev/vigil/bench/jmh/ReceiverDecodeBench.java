package dev.vigil.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.bench.AccessLogGenerator;
import dev.vigil.bench.protocols.BinaryBodies;
import dev.vigil.bench.protocols.TextBodies;
import dev.vigil.ingest.codec.NativeJsonDecoder;
import dev.vigil.ingest.elasticsearch.BulkDecoder;
import dev.vigil.ingest.gelf.GelfDecoder;
import dev.vigil.ingest.loki.LokiPushDecoder;
import dev.vigil.ingest.otlp.OtlpDecoder;
import dev.vigil.ingest.promrw.RemoteWriteDecoder;
import dev.vigil.ingest.syslog.SyslogFrameDecoder;
import dev.vigil.ingest.syslog.SyslogParser;
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
 * The decode step of every receiver on the bodies {@code bench/run.sh protocols} sends (1,000
 * access-log events, or 1,000 metric samples): what a worker thread (or, for TCP, the connection)
 * spends per event before the journal. Score: events per second on one thread; compare each with
 * {@code native} (logs) or {@code native-metrics}. HTTP framing, decompression by the server
 * (none here) and the journal are not included. GELF is decoded message by message (the TCP
 * receiver's NUL framing is left out); syslog includes the octet-counting frame decoder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ReceiverDecodeBench {
    @Param({"native", "loki-json", "loki-protobuf", "es-bulk", "otlp-protobuf", "otlp-json", "syslog-tcp", "gelf",
            "native-metrics", "remote-write"})
    public String protocol;

    private final NativeJsonDecoder nativeDecoder = new NativeJsonDecoder();
    private final LokiPushDecoder loki = new LokiPushDecoder(64L << 20);
    private final BulkDecoder bulk = new BulkDecoder();
    private final OtlpDecoder otlp = new OtlpDecoder();
    private final GelfDecoder gelf = new GelfDecoder();
    private final SyslogParser syslog = new SyslogParser();
    private final RemoteWriteDecoder remoteWrite = new RemoteWriteDecoder(64 << 20);
    private final long received = Fixtures.TIMESTAMP_MILLIS * 1_000_000L;
    private byte[] body;
    private List<byte[]> messages;

    @Setup
    public void setup() {
        AccessLogGenerator generator = new AccessLogGenerator(1);
        List<AccessLogGenerator.AccessLog> events = new ArrayList<>();
        for (int i = 0; i < Fixtures.BATCH; i++) {
            events.add(generator.event(Fixtures.TIMESTAMP_MILLIS, i));
        }
        body = switch (protocol) {
            case "native" -> TextBodies.nativeLogs(events);
            case "loki-json" -> TextBodies.lokiJson(events);
            case "loki-protobuf" -> BinaryBodies.lokiProtobuf(events);
            case "es-bulk" -> TextBodies.bulk(events);
            case "otlp-protobuf" -> BinaryBodies.otlpProtobuf(events);
            case "otlp-json" -> TextBodies.otlpJson(events);
            case "syslog-tcp" -> TextBodies.syslogOctetCounted(events);
            case "gelf" -> TextBodies.gelfTcp(events);
            case "native-metrics" -> TextBodies.nativeMetricsBody(events, Fixtures.TIMESTAMP_MILLIS);
            case "remote-write" -> BinaryBodies.remoteWriteBody(events, Fixtures.TIMESTAMP_MILLIS);
            default -> throw new IllegalArgumentException(protocol);
        };
        messages = new ArrayList<>();
        if (protocol.equals("gelf")) {
            int start = 0;
            for (int i = 0; i < body.length; i++) {
                if (body[i] == 0) {
                    messages.add(java.util.Arrays.copyOfRange(body, start, i));
                    start = i + 1;
                }
            }
        }
        int decoded = decode();
        if (decoded != Fixtures.BATCH) {
            throw new IllegalStateException(protocol + ": decoded " + decoded + " events, expected " + Fixtures.BATCH);
        }
        System.out.printf("%n%s: %d bytes for %d events%n", protocol, body.length, Fixtures.BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(Fixtures.BATCH)
    public int decode() {
        return switch (protocol) {
            case "native" -> nativeDecoder.logs(body, received).events().size();
            case "loki-json" -> loki.json(body, null).events().size();
            case "loki-protobuf" -> loki.protobuf(body, null).events().size();
            case "es-bulk" -> bulk.decode(body, "bench", received).items().size();
            case "otlp-protobuf" -> otlp.logs(body, false, received).events().size();
            case "otlp-json" -> otlp.logs(body, true, received).events().size();
            case "syslog-tcp" -> syslogTcp();
            case "gelf" -> {
                int n = 0;
                for (byte[] message : messages) {
                    n += gelf.decode(message, received) != null ? 1 : 0;
                }
                yield n;
            }
            case "native-metrics" -> nativeDecoder.metrics(body, received).events().size();
            case "remote-write" -> remoteWrite.decode(body).samples().size();
            default -> throw new IllegalArgumentException(protocol);
        };
    }

    private int syslogTcp() {
        int[] parsed = new int[1];
        new SyslogFrameDecoder(64 * 1024).feed(body, 0, body.length, new SyslogFrameDecoder.Sink() {
            @Override
            public void frame(byte[] message) {
                parsed[0] += syslog.parse(message, received).parsed() ? 1 : 0;
            }

            @Override
            public void tooLong(long length, int maxFrameBytes) {
                throw new IllegalStateException("frame too long: " + length);
            }
        });
        return parsed[0];
    }
}
