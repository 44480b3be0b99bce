package dev.vigil.api.receivers.syslog;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.LogEvent;

/** Where the receivers put a batch: {@link EventPipeline#append} in production, a gate in front of it in tests. */
@FunctionalInterface
interface SyslogAppender {
    /** As {@link EventPipeline#append}: may throw or fail with IndexBehindException, JournalFullException or DiskSpaceLowException. */
    CompletableFuture<Long> append(List<LogEvent> events);

    static SyslogAppender of(EventPipeline pipeline) {
        return events -> pipeline.append(EventKind.LOG, events);
    }
}
