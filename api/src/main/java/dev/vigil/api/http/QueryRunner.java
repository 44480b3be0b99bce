package dev.vigil.api.http;

import java.util.concurrent.Callable;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs a blocking query (Lucene, RCA, report rendering) on the worker pool, never on an event
 * loop, times it as {@code vigil.query.latency{endpoint}}, and answers with its JSON or the error.
 */
public final class QueryRunner {
    private final Vertx vertx;
    private final MeterRegistry registry;

    public QueryRunner(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    public <T> Future<T> run(String endpoint, Callable<T> work) {
        Timer timer = Timer.builder("vigil.query.latency").tag("endpoint", endpoint)
                .publishPercentiles(0.5, 0.99).register(registry);
        return vertx.executeBlocking(() -> {
            long started = System.nanoTime();
            try {
                return work.call();
            } finally {
                timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }, false);
    }

    /** Runs {@code work} and replies 200 with the JSON buffer it returns. */
    public void json(RoutingContext ctx, String endpoint, Callable<Buffer> work) {
        run(endpoint, work).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }
}
