package dev.vigil.ingest;

import java.nio.file.Path;

import dev.vigil.ingest.index.IndexConfig;
import dev.vigil.ingest.journal.JournalConfig;

/** Where and how ingest keeps its data: the journal under {@code DATA/journal}, the index under {@code DATA/index}. */
public record PipelineConfig(JournalConfig journal, IndexConfig index) {

    public static PipelineConfig defaults(Path dataDir) {
        return new PipelineConfig(JournalConfig.defaults(dataDir.resolve("journal")), IndexConfig.defaults(dataDir.resolve("index")));
    }
}
