package dev.vigil.ingest.journal;

import java.util.Locale;

/**
 * When an acknowledged batch is safe.
 *
 * <ul>
 *   <li>{@link #PAGE_CACHE}: acknowledged once the append has returned. The bytes are in the
 *       memory-mapped journal file, so a crash of the Vigil process (kill -9, OOM) loses nothing;
 *       a power loss or kernel crash may lose the last seconds. The default, as in Loki and
 *       Prometheus.</li>
 *   <li>{@link #FSYNC_PERIODIC}: as above, plus the writer flushes the journal to disk every
 *       {@code fsyncIntervalMs}: bounds what a power loss can take.</li>
 *   <li>{@link #FSYNC_BATCH}: acknowledged only after the batch has been flushed to disk. Survives
 *       power loss; throughput is bounded by the disk's flush latency (batches are grouped).</li>
 * </ul>
 */
public enum Durability {
    PAGE_CACHE, FSYNC_PERIODIC, FSYNC_BATCH;

    public static Durability parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown durability '" + text + "'; use page_cache, fsync_periodic or fsync_batch");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
