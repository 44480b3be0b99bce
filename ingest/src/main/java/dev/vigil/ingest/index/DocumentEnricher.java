package dev.vigil.ingest.index;

import java.io.IOException;

import dev.vigil.ingest.model.LogEvent;
import org.apache.lucene.document.Document;

/**
 * Adds fields derived from a log event to its document at index time, so every log event carries
 * them from the moment it is searchable (the log template id and its parameters, see
 * {@link IndexFields#TEMPLATE}). The derivation lives above {@code ingest}; the indexer only calls it.
 *
 * <p>Called from the indexer's threads (more than one at a time for large records), so
 * implementations are thread-safe. {@link #beforeCommit()} runs on the indexer thread before every
 * index commit: state the derived fields depend on must be durable no later than the documents
 * that use them. A restart replays the journal after the last commit, so state written at commit
 * time is enough.
 */
public interface DocumentEnricher {
    DocumentEnricher NONE = (event, doc) -> {
    };

    void enrichLog(LogEvent event, Document doc);

    default void beforeCommit() throws IOException {
    }
}
