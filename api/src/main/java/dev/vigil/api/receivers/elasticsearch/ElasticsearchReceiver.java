package dev.vigil.api.receivers.elasticsearch;

import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.Event;
import dev.vigil.ingest.model.EventKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Vigil as an Elasticsearch bulk target (docs/receivers/elasticsearch.md): {@code _bulk} plus the
 * handshake and setup calls shippers make first. Every response under these routes carries
 * {@code X-Elastic-Product: Elasticsearch}, which the official clients require.
 *
 * <p>Only exact paths and {@code /_...} paths are claimed, so Vigil's own routes are untouched:
 * {@code GET|HEAD /}, {@code /_bulk}, {@code /{index}/_bulk}, {@code HEAD|PUT /{index}} (not for
 * Vigil's own top-level names), the setup families and an Elasticsearch-style 404 for other
 * {@code /_...} paths.
 */
public final class ElasticsearchReceiver {
    static final String VERSION = "8.17.0";
    static final String LUCENE_VERSION = "9.12.3";
    static final String BUILD_DATE = "2024-12-11T12:08:05.663969764Z";
    private static final String SETUP_FAMILIES = "ilm|index_template|template|component_template|ingest|data_stream|logstash|alias|aliases"
            + "|security|snapshot|slm|transform|ml|watcher|enrich|tasks|cat|settings|mapping";
    /** Vigil's own top-level path segments, which must never be taken for index names. */
    private static final String RESERVED = "health|ready|metrics|gelf|api|loki|v1|otlp|favicon\\.ico";

    private static final Handler<RoutingContext> PRODUCT = ctx -> {
        ctx.response().putHeader(EsReplies.PRODUCT_HEADER, EsReplies.PRODUCT);
        ctx.next();
    };

    private final EventPipeline pipeline;
    private final long bodyLimitBytes;
    private final EsMeters meters;
    private final String nodeName;
    private final String nodeId;
    private final String clusterUuid;

    private ElasticsearchReceiver(EventPipeline pipeline, long bodyLimitBytes, EsMeters meters) {
        this.pipeline = pipeline;
        this.bodyLimitBytes = bodyLimitBytes;
        this.meters = meters;
        String host = System.getenv("HOSTNAME");
        this.nodeName = host == null || host.isBlank() ? "vigil" : host;
        this.nodeId = UUID.nameUUIDFromBytes(("node:" + nodeName).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "").substring(0, 22);
        this.clusterUuid = UUID.nameUUIDFromBytes(("cluster:vigil:" + nodeName).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Where accepted batches go: {@link EventPipeline#append} (tests put a gate in front of it). */
    @FunctionalInterface
    public interface Appender {
        /** Same contract as {@link EventPipeline#append}: may throw, or fail the future, under back-pressure. */
        CompletableFuture<Long> append(EventKind kind, List<? extends Event> events);
    }

    /** Registers the routes on {@code router}; call before Vigil's fallback routes. */
    public static void mount(Router router, Vertx vertx, EventPipeline pipeline, MeterRegistry registry, long bodyLimitBytes) {
        mount(router, vertx, pipeline, pipeline::append, registry, bodyLimitBytes);
    }

    /** As above, with the appends going through {@code appender}. */
    public static void mount(Router router, Vertx vertx, EventPipeline pipeline, Appender appender, MeterRegistry registry,
                             long bodyLimitBytes) {
        new ElasticsearchReceiver(pipeline, bodyLimitBytes, new EsMeters(registry)).routes(router, vertx, appender);
    }

    private void routes(Router router, Vertx vertx, Appender appender) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimitBytes).setHandleFileUploads(false);
        BulkHandler bulk = new BulkHandler(vertx, pipeline, appender, meters, bodyLimitBytes);

        es(router.get("/"), null).handler(ctx -> EsReplies.json(ctx, 200, info()));
        es(router.head("/"), null).handler(ctx -> EsReplies.json(ctx, 200, new JsonObject()));

        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT}) {
            es(router.route(method, "/_bulk"), body).handler(bulk);
            es(router.routeWithRegex(method, "^/[^/_][^/]*/_bulk/?$"), body).handler(bulk);
        }

        es(router.get("/_license"), null).handler(ctx -> EsReplies.json(ctx, 200, new JsonObject().put("license", license())));
        es(router.routeWithRegex("^/_xpack(/.*)?$"), body).handler(ctx ->
                EsReplies.json(ctx, 200, ctx.request().path().startsWith("/_xpack/") ? new JsonObject() : xpack()));
        es(router.routeWithRegex("^/_nodes(/.*)?$"), body).handler(ctx -> EsReplies.json(ctx, 200, nodes(ctx)));
        es(router.routeWithRegex("^/_cluster/health(/.*)?$"), null).handler(ctx -> EsReplies.json(ctx, 200, health()));
        es(router.routeWithRegex("^/_cluster(/.*)?$"), body).handler(this::setup);
        es(router.routeWithRegex("^/_(" + SETUP_FAMILIES + ")(/.*)?$"), body).handler(this::setup);

        String index = "^/(?!(?:" + RESERVED + ")/?$)[^/_][^/]*/?$";
        es(router.routeWithRegex(HttpMethod.HEAD, index), null).handler(ctx -> EsReplies.json(ctx, 200, new JsonObject()));
        es(router.routeWithRegex(HttpMethod.PUT, index), body).handler(ctx -> EsReplies.json(ctx, 200,
                new JsonObject().put("acknowledged", true).put("shards_acknowledged", true).put("index", indexName(ctx))));

        es(router.routeWithRegex("^/_.*$"), body).handler(this::unknown);
    }

    /**
     * Vert.x wants body handlers first; the product header is set again by every reply (EsReplies),
     * so a body refused by the body handler still carries it.
     */
    private Route es(Route route, BodyHandler body) {
        if (body != null) {
            route.handler(body);
        }
        return route.handler(PRODUCT).failureHandler(this::failure);
    }

    /** Setup calls (templates, ILM, pipelines, aliases, ...): they exist and are acknowledged. */
    private void setup(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            EsReplies.json(ctx, 200, new JsonObject());
        } else {
            EsReplies.json(ctx, 200, new JsonObject().put("acknowledged", true));
        }
    }

    private void unknown(RoutingContext ctx) {
        String path = ctx.request().path();
        String method = ctx.request().method().name();
        if (path.endsWith("/_bulk") || path.endsWith("/_bulk/")) {
            meters.rejected("method_not_allowed");
            ctx.response().putHeader("Allow", "POST,PUT");
            EsReplies.json(ctx, 405, new JsonObject().put("error", "Incorrect HTTP method for uri [" + path + "] and method ["
                    + method + "], allowed: [POST, PUT]").put("status", 405));
            return;
        }
        EsReplies.error(ctx, 404, "resource_not_found_exception", "no handler found for uri [" + path + "] and method [" + method
                + "]: Vigil emulates _bulk and the setup calls of log shippers only (see docs/receivers/elasticsearch.md)");
    }

    /** Failures before or inside the handlers: body too large, bugs. */
    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (status == 413) {
            meters.rejected("body_too_large");
            EsReplies.error(ctx, 413, "content_too_long_exception", "request body is larger than the limit of " + bodyLimitBytes
                    + " bytes (setting body-limit); send smaller bulk requests (e.g. Filebeat bulk_max_size, Logstash batch size,"
                    + " Vector batch.max_bytes)");
        } else if (failure != null) {
            meters.rejected("internal_error");
            org.slf4j.LoggerFactory.getLogger(ElasticsearchReceiver.class).error("{} {} failed", ctx.request().method(),
                    ctx.request().path(), failure);
            EsReplies.error(ctx, 500, "exception", "internal error: " + failure + " (see the server log)");
        } else {
            EsReplies.error(ctx, status <= 0 ? 500 : status, "http_" + status, "request failed with status " + status);
        }
    }

    private static String indexName(RoutingContext ctx) {
        String path = ctx.request().path();
        String raw = path.substring(1, path.endsWith("/") ? path.length() - 1 : path.length());
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private JsonObject info() {
        JsonObject version = new JsonObject()
                .put("number", VERSION)
                .put("build_flavor", "default")
                .put("build_type", "tar")
                .put("build_hash", "vigil")
                .put("build_date", BUILD_DATE)
                .put("build_snapshot", false)
                .put("lucene_version", LUCENE_VERSION)
                .put("minimum_wire_compatibility_version", "7.17.0")
                .put("minimum_index_compatibility_version", "7.0.0");
        return new JsonObject()
                .put("name", nodeName)
                .put("cluster_name", "vigil")
                .put("cluster_uuid", clusterUuid)
                .put("version", version)
                .put("tagline", "You Know, for Search");
    }

    private JsonObject license() {
        return new JsonObject()
                .put("status", "active")
                .put("uid", clusterUuid)
                .put("type", "basic")
                .put("issue_date", "2024-12-11T00:00:00.000Z")
                .put("issue_date_in_millis", 1733875200000L)
                .put("max_nodes", 1000)
                .putNull("max_resource_units")
                .put("issued_to", "vigil")
                .put("issuer", "elasticsearch")
                .put("start_date_in_millis", -1);
    }

    private JsonObject xpack() {
        return new JsonObject()
                .put("build", new JsonObject().put("hash", "vigil").put("date", BUILD_DATE))
                .put("license", new JsonObject().put("uid", clusterUuid).put("type", "basic").put("mode", "basic").put("status", "active"))
                .put("features", new JsonObject());
    }

    private JsonObject nodes(RoutingContext ctx) {
        String address = ctx.request().localAddress() == null ? "127.0.0.1:9200"
                : ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port();
        String host = address.substring(0, address.lastIndexOf(':'));
        JsonObject node = new JsonObject()
                .put("name", nodeName)
                .put("transport_address", host + ":9300")
                .put("host", host)
                .put("ip", host)
                .put("version", VERSION)
                .put("build_flavor", "default")
                .put("build_type", "tar")
                .put("build_hash", "vigil")
                .put("roles", new JsonArray().add("data").add("ingest").add("master"))
                .put("attributes", new JsonObject())
                .put("http", new JsonObject()
                        .put("bound_address", new JsonArray().add(address))
                        .put("publish_address", address)
                        .put("max_content_length_in_bytes", bodyLimitBytes));
        return new JsonObject()
                .put("_nodes", new JsonObject().put("total", 1).put("successful", 1).put("failed", 0))
                .put("cluster_name", "vigil")
                .put("nodes", new JsonObject().put(nodeId, node));
    }

    private JsonObject health() {
        boolean ready = pipeline.ready();
        return new JsonObject()
                .put("cluster_name", "vigil")
                .put("status", ready ? "green" : "yellow")
                .put("timed_out", false)
                .put("number_of_nodes", 1)
                .put("number_of_data_nodes", 1)
                .put("active_primary_shards", 1)
                .put("active_shards", 1)
                .put("relocating_shards", 0)
                .put("initializing_shards", 0)
                .put("unassigned_shards", 0)
                .put("delayed_unassigned_shards", 0)
                .put("number_of_pending_tasks", 0)
                .put("number_of_in_flight_fetch", 0)
                .put("task_max_waiting_in_queue_millis", 0)
                .put("active_shards_percent_as_number", 100.0);
    }
}
