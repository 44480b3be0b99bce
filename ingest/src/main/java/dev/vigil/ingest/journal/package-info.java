/**
 * The journal of record: every accepted batch is appended to a Chronicle Queue before it is
 * acknowledged, and everything downstream (the Lucene index, metric head chunks) is rebuilt from
 * it after a crash. One writer thread owns the only appender.
 */
package dev.vigil.ingest.journal;
