package dev.vigil.analytics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;

/** Opens real pipelines in a temporary directory and makes appended events searchable. */
public final class Pipelines {
    /** 2026-11-02T10:00:00Z, a round hour. */
    public static final long T0 = 1_793_613_600_000_000_000L;
    public static final long SECOND = 1_000_000_000L;
    public static final long MINUTE = 60 * SECOND;

    private Pipelines() {
    }

    public static EventPipeline open(Path dir) throws IOException {
        return EventPipeline.open(PipelineConfig.defaults(dir));
    }

    /** Appends in batches of at most 500 and waits until everything is searchable. */
    public static void appendAll(EventPipeline pipeline, EventKind kind, List<? extends Event> events) {
        long last = -1;
        for (int from = 0; from < events.size(); from += 500) {
            last = pipeline.append(kind, events.subList(from, Math.min(events.size(), from + 500))).join();
        }
        if (last >= 0) {
            pipeline.awaitSearchable(last).join();
        }
    }
}
