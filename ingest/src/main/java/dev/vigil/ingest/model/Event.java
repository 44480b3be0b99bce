package dev.vigil.ingest.model;

/** Anything Vigil ingests. The set is closed so that codecs can switch over it exhaustively. */
public sealed interface Event permits LogEvent, MetricSample, ChangeEvent, Span {

    /** The kind, which decides the journal record type and the index layout. */
    EventKind kind();

    /** When the event happened, in nanoseconds since the Unix epoch. */
    long timestampNanos();
}
