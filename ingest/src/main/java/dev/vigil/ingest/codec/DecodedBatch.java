package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;

import java.util.List;
import java.util.Objects;

/**
 * One journal record read back by {@link BatchCodec#decode}.
 *
 * <p>Immutable and therefore safe to share between threads.
 *
 * @param formatVersion the format version the record was written in
 * @param kind          the kind of every event in the batch
 * @param events        the events in the order they were written; all of {@code kind}
 */
public record DecodedBatch(int formatVersion, EventKind kind, List<Event> events) {

    public DecodedBatch {
        Objects.requireNonNull(kind, "kind");
        events = List.copyOf(events);
    }
}
