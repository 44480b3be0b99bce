/**
 * The Lucene index: one index holds every event kind, told apart by the {@code kind} field.
 * {@link dev.vigil.ingest.index.EventIndexer} tails the journal into it; readers get searchers from
 * {@link dev.vigil.ingest.index.SearcherSource}. The field layout is {@link dev.vigil.ingest.index.IndexFields}.
 */
package dev.vigil.ingest.index;
