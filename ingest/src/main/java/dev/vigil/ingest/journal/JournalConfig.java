package dev.vigil.ingest.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the journal is kept.
 *
 * @param directory      where the Chronicle Queue cycle files live
 * @param durability     when an append counts as safe
 * @param fsyncInterval  how often {@link Durability#FSYNC_PERIODIC} flushes
 * @param maxPending     batches that may wait for the writer before appends are refused
 *                       (backpressure instead of unbounded memory)
 */
public record JournalConfig(Path directory, Durability durability, Duration fsyncInterval, int maxPending) {

    public JournalConfig {
        if (directory == null) {
            throw new IllegalArgumentException("journal directory is required");
        }
        durability = durability == null ? Durability.PAGE_CACHE : durability;
        fsyncInterval = fsyncInterval == null ? Duration.ofSeconds(1) : fsyncInterval;
        if (maxPending <= 0) {
            maxPending = 4096;
        }
    }

    public static JournalConfig defaults(Path directory) {
        return new JournalConfig(directory, Durability.PAGE_CACHE, Duration.ofSeconds(1), 4096);
    }
}
