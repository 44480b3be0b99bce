package dev.vigil.api.http;

import dev.vigil.ingest.EventPipeline;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /health} (the process answers), {@code /ready} (journal replay caught up), {@code /metrics}. */
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
            boolean ready = pipeline.ready();
            JsonObject body = new JsonObject()
                    .put("status", ready ? "ready" : "replaying")
                    .put("indexed_events", pipeline.indexer().indexedEvents())
                    .put("last_searchable_journal_index", pipeline.indexer().lastVisibleIndex());
            if (pipeline.indexer().failure() != null) {
                body.put("status", "failed").put("error", pipeline.indexer().failure().toString());
            }
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
