package dev.vigil.ingest.index;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the index is kept.
 *
 * @param directory       the Lucene index directory
 * @param refreshInterval how often new documents become searchable (near-real-time reopen)
 * @param commitInterval  how often a Lucene commit records the journal position it covers; a
 *                        restart replays the journal from there, so this bounds replay work
 * @param ramBufferMb     indexing buffer before Lucene writes a segment
 */
public record IndexConfig(Path directory, Duration refreshInterval, Duration commitInterval, double ramBufferMb) {

    public IndexConfig {
        if (directory == null) {
            throw new IllegalArgumentException("index directory is required");
        }
        refreshInterval = refreshInterval == null ? Duration.ofMillis(250) : refreshInterval;
        commitInterval = commitInterval == null ? Duration.ofSeconds(15) : commitInterval;
        ramBufferMb = ramBufferMb <= 0 ? 64 : ramBufferMb;
    }

    public static IndexConfig defaults(Path directory) {
        return new IndexConfig(directory, null, null, 0);
    }
}
