package dev.vigil.api.http;

import dev.vigil.analytics.search.EventSearcher;
import dev.vigil.analytics.search.SearchRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/logs/search} (and events, spans): {@code q, from, to, limit, order}. */
public final class SearchHandler implements Handler<RoutingContext> {
    private final EventSearcher searcher;
    private final QueryRunner runner;
    private final String kind;

    private SearchHandler(EventSearcher searcher, QueryRunner runner, String kind) {
        this.searcher = searcher;
        this.runner = runner;
        this.kind = kind;
    }

    public static SearchHandler create(EventSearcher searcher, QueryRunner runner, String kind) {
        return new SearchHandler(searcher, runner, kind);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String order = Params.string(ctx, "order", "desc");
        if (!order.equals("desc") && !order.equals("asc")) {
            throw ApiException.badRequest("parameter 'order' must be asc or desc, got '" + order + "'");
        }
        SearchRequest request = new SearchRequest(Params.string(ctx, "q", Params.string(ctx, "query", "")), kind,
                Params.range(ctx), Params.integer(ctx, "limit", 100, 1, SearchRequest.MAX_LIMIT), order.equals("desc"));
        runner.json(ctx, "search", () -> JsonBodies.search(searcher.search(request)));
    }
}
