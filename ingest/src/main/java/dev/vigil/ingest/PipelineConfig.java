package dev.vigil.ingest;

import java.nio.file.Path;

import dev.vigil.ingest.index.IndexConfig;
import dev.vigil.ingest.journal.JournalConfig;

/**
 * Where and how ingest keeps its data: the journal under {@code DATA/journal}, the index under
 * {@code DATA/index}.
 *
 * @param maxIndexLag acknowledged events that may wait for indexing before new batches are
 *                    refused with {@link IndexBehindException}: without a bound, a fast client
 *                    drives the time to searchable up without limit
 * @param minFreeDisk usable space the journal's disk must keep; below it appends are refused with
 *                    {@link DiskSpaceLowException} ({@link DiskFloor#NONE} when built without one:
 *                    the server passes its {@code min-free-disk} setting)
 */
public record PipelineConfig(JournalConfig journal, IndexConfig index, long maxIndexLag, DiskFloor minFreeDisk) {
    public static final long DEFAULT_MAX_INDEX_LAG = 100_000;

    public PipelineConfig {
        if (maxIndexLag <= 0) {
            maxIndexLag = DEFAULT_MAX_INDEX_LAG;
        }
        if (minFreeDisk == null) {
            minFreeDisk = DiskFloor.NONE;
        }
    }

    public PipelineConfig(JournalConfig journal, IndexConfig index, long maxIndexLag) {
        this(journal, index, maxIndexLag, DiskFloor.NONE);
    }

    public PipelineConfig(JournalConfig journal, IndexConfig index) {
        this(journal, index, DEFAULT_MAX_INDEX_LAG);
    }

    public static PipelineConfig defaults(Path dataDir) {
        return new PipelineConfig(JournalConfig.defaults(dataDir.resolve("journal")), IndexConfig.defaults(dataDir.resolve("index")));
    }
}
