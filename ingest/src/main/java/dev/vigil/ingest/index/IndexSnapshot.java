package dev.vigil.ingest.index;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * A point-in-time view of the index. Must be closed (it pins index files until then); may be used
 * from one thread at a time.
 */
public final class IndexSnapshot implements AutoCloseable {
    private final SearcherManager manager;
    private final VigilSearcher searcher;

    IndexSnapshot(SearcherManager manager, VigilSearcher searcher) {
        this.manager = manager;
        this.searcher = searcher;
    }

    public IndexSearcher searcher() {
        return searcher;
    }

    /** Metric chunks with a sequence number at or below this one are in {@link #searcher()}. */
    public long visibleChunkSeq() {
        return searcher.visibleChunkSeq();
    }

    @Override
    public void close() {
        try {
            manager.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
