package dev.vigil.api.http;

import dev.vigil.ingest.EventPipeline;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /health} (the process answers), {@code /ready} (journal replay caught up, indexer working,
 * disk above its floor; otherwise 503 with the reason), {@code /metrics}.
 */
public final class StatusHandlers {
    private final EventPipeline pipeline;
    private final PrometheusMeterRegistry registry;
    private final QueryRunner runner;

    public StatusHandlers(EventPipeline pipeline, PrometheusMeterRegistry registry, QueryRunner runner) {
        this.pipeline = pipeline;
        this.registry = registry;
        this.runner = runner;
    }

    public Handler<RoutingContext> health() {
        return ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "ok"));
    }

    public Handler<RoutingContext> ready() {
        return ctx -> {
            String notReady = pipeline.notReadyReason();
            boolean ready = notReady == null;
            JsonObject body = new JsonObject()
                    .put("status", ready ? "ready" : pipeline.disk().low() ? "disk_space_low" : "replaying")
                    .put("indexed_events", pipeline.indexer().indexedEvents())
                    .put("last_searchable_journal_index", pipeline.indexer().lastVisibleIndex());
            if (pipeline.indexer().failure() != null) {
                body.put("status", "failed").put("error", pipeline.indexer().failure().toString());
            } else if (!ready) {
                body.put("reason", notReady);
            }
            body.put("disk_free_bytes", pipeline.disk().freeBytes()).put("min_free_disk_bytes", pipeline.disk().floorBytes());
            Responses.json(ctx, ready ? 200 : 503, body);
        };
    }

    public Handler<RoutingContext> prometheus() {
        return ctx -> runner.run("metrics_scrape", registry::scrape)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(Buffer.buffer(text)))
                .onFailure(ctx::fail);
    }
}
