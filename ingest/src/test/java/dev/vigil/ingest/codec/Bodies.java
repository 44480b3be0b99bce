package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.Timestamps;

import java.nio.charset.StandardCharsets;

/** Test helpers for building request bodies. */
final class Bodies {
    /** A fixed receive time, so that defaults are recognisable in assertions. */
    static final long RECEIVED = Timestamps.parse("t", "2026-11-25T10:00:00Z");

    private Bodies() {
    }

    /** The lines joined with {@code \n}. */
    static byte[] lines(String... lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static long ts(String rfc3339) {
        return Timestamps.parse("t", rfc3339);
    }
}
