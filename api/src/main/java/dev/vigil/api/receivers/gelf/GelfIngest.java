package dev.vigil.api.receivers.gelf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.vigil.api.http.BackPressure;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.gelf.GelfDecoder;
import dev.vigil.ingest.gelf.GelfException;
import dev.vigil.ingest.gelf.GelfPayloads;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decoding shared by the three GELF transports; call it on a worker thread. */
final class GelfIngest {
    private static final Logger LOG = LoggerFactory.getLogger(GelfIngest.class);

    /** Where decoded messages go: the pipeline, or in back-pressure tests a gate in front of it. */
    interface Appender {
        /** Same contract as {@link EventPipeline#append}: may throw or fail with the overload exceptions. */
        CompletableFuture<Long> append(List<LogEvent> events);
    }

    final GelfMeters meters;
    final int maxMessageBytes;
    private final Appender appender;
    private final GelfDecoder decoder = new GelfDecoder();

    GelfIngest(EventPipeline pipeline, GelfMeters meters, int maxMessageBytes) {
        this(events -> pipeline.append(EventKind.LOG, events), meters, maxMessageBytes);
    }

    GelfIngest(Appender appender, GelfMeters meters, int maxMessageBytes) {
        this.appender = appender;
        this.meters = meters;
        this.maxMessageBytes = maxMessageBytes;
    }

    CompletableFuture<Long> append(List<LogEvent> events) {
        return appender.append(events);
    }

    /**
     * Decompresses (gzip, zlib, or none) and decodes one message, timing it.
     *
     * @throws GelfException naming the problem (not counted here)
     */
    LogEvent decode(byte[] payload, long receivedNanos) {
        long start = System.nanoTime();
        try {
            byte[] json = GelfPayloads.decompress(payload, maxMessageBytes);
            return decoder.decode(trimTrailing(json), receivedNanos);
        } finally {
            meters.decodeNanos(System.nanoTime() - start);
        }
    }

    /** Decodes each payload; the invalid ones are counted as rejected and logged, the rest returned. */
    List<LogEvent> decodeAll(List<byte[]> payloads, long receivedNanos, String transport) {
        List<LogEvent> events = new ArrayList<>(payloads.size());
        for (byte[] payload : payloads) {
            try {
                events.add(decode(payload, receivedNanos));
            } catch (GelfException e) {
                meters.rejected(e.reason());
                LOG.debug("GELF {} message refused: {}", transport, e.getMessage());
            }
        }
        return events;
    }

    /** Journal saturated, indexer behind or disk under its floor: the sender should retry later. */
    static boolean isOverload(Throwable failure) {
        return BackPressure.is(failure);
    }

    /** Senders may end a message with NUL (syslog-ng's format-gelf does, even over UDP) or a newline. */
    private static byte[] trimTrailing(byte[] json) {
        int end = json.length;
        while (end > 0 && (json[end - 1] == 0 || json[end - 1] == '\n' || json[end - 1] == '\r')) {
            end--;
        }
        return end == json.length ? json : java.util.Arrays.copyOf(json, end);
    }
}
