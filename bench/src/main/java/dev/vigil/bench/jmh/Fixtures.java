package dev.vigil.bench.jmh;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.bench.AccessLogGenerator;
import dev.vigil.ingest.codec.Decoded;
import dev.vigil.ingest.codec.NativeJsonDecoder;
import dev.vigil.ingest.model.LogEvent;

/** Shared inputs: the same realistic access-log events the end-to-end benchmark sends. */
final class Fixtures {
    /** Events per request body / journal record, as in IngestLoad's default. */
    static final int BATCH = 1000;
    /** A fixed epoch-millis timestamp so that every run sees identical bytes. */
    static final long TIMESTAMP_MILLIS = 1_718_000_000_000L;

    private Fixtures() {
    }

    /** {@value #BATCH} NDJSON lines; different seeds give different lines and trace ids. */
    static byte[] body(long seed) {
        return new AccessLogGenerator(seed).body(BATCH, TIMESTAMP_MILLIS, seed * 1_000_000_000L);
    }

    static List<LogEvent> events(long seed) {
        Decoded<LogEvent> decoded = new NativeJsonDecoder().logs(body(seed), TIMESTAMP_MILLIS * 1_000_000L);
        if (!decoded.ok() || decoded.events().size() != BATCH) {
            throw new IllegalStateException("fixture does not decode: " + decoded.errors());
        }
        return new ArrayList<>(decoded.events());
    }
}
