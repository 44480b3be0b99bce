package dev.vigil.ingest.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/** A searcher that knows which metric chunks it contains, so head data is never counted twice. */
final class VigilSearcher extends IndexSearcher {
    private final long visibleChunkSeq;

    VigilSearcher(IndexReader reader, long visibleChunkSeq) {
        super(reader);
        this.visibleChunkSeq = visibleChunkSeq;
    }

    long visibleChunkSeq() {
        return visibleChunkSeq;
    }
}
