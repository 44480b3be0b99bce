/**
 * The metric store. Samples are not Lucene documents: each series keeps an in-memory head chunk
 * (Gorilla-compressed, see {@code chunk}); a finished chunk becomes one Lucene document holding the
 * series labels (indexed) and the encoded chunk (stored). Heads are rebuilt from the journal after
 * a restart, because every Lucene commit first flushes all heads.
 */
package dev.vigil.ingest.metrics;
