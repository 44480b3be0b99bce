package dev.vigil.api;

import dev.vigil.ingest.EventPipeline;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Vigil's own gauges and counters over the pipeline, read when scraped. */
final class VigilMeters {
    private VigilMeters() {
    }

    static void bind(MeterRegistry registry, EventPipeline pipeline) {
        FunctionCounter.builder("vigil.journal.records", pipeline, p -> p.journal().writer().appendedRecords())
                .description("journal records appended since start").register(registry);
        FunctionCounter.builder("vigil.journal.bytes", pipeline, p -> p.journal().writer().appendedBytes())
                .description("journal payload bytes appended since start").register(registry);
        Gauge.builder("vigil.journal.pending.batches", pipeline, p -> p.journal().writer().pendingBatches())
                .description("batches waiting for the journal writer").register(registry);
        FunctionCounter.builder("vigil.index.events", pipeline, p -> p.indexer().indexedEvents())
                .description("events indexed since start, replay included").register(registry);
        Gauge.builder("vigil.index.lag.events", pipeline, EventPipeline::indexLag)
                .description("events acknowledged since start but not yet indexed").register(registry);
        Gauge.builder("vigil.index.lag.records", pipeline, p -> p.indexer().unsearchableRecords())
                .description("journal records appended but not yet searchable").register(registry);
        FunctionCounter.builder("vigil.index.refreshes", pipeline, p -> p.indexer().refreshes()).register(registry);
        FunctionCounter.builder("vigil.index.commits", pipeline, p -> p.indexer().commits()).register(registry);
        FunctionCounter.builder("vigil.index.rejected.records", pipeline, p -> p.indexer().rejectedRecords())
                .description("journal records the indexer could not read").register(registry);
        Gauge.builder("vigil.ready", pipeline, p -> p.ready() ? 1 : 0).register(registry);
        Gauge.builder("vigil.metrics.series", pipeline, p -> p.metrics().seriesCount()).register(registry);
        Gauge.builder("vigil.metrics.bytes.per.sample", pipeline, p -> p.metrics().bytesPerSample()).register(registry);
        FunctionCounter.builder("vigil.metrics.duplicate.samples", pipeline, p -> p.metrics().duplicateSamples())
                .description("samples dropped for repeating their series' last timestamp (retried requests)").register(registry);
    }
}
