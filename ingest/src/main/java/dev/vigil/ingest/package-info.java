/**
 * Ingest: the event model, receivers' codecs, the journal of record and the Lucene index.
 * {@link dev.vigil.ingest.EventPipeline} is the entry point that ties them together.
 */
package dev.vigil.ingest;
