package dev.vigil.api.http;

import java.util.Locale;

import dev.vigil.reports.schedule.ReportStore;
import dev.vigil.reports.schedule.StoredReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The stored (scheduled) reports (docs/reports.md):
 * <ul>
 *   <li>{@code GET /api/v1/reports}: every stored report, newest period first, with the URL of each file;</li>
 *   <li>{@code GET /api/v1/reports/:id/FILE}: one file, e.g. {@code health-report.pdf} or
 *       {@code health-report-charts/error-rate.png} (so the Markdown's relative chart links work when
 *       it is read from this URL).</li>
 * </ul>
 * A malformed id or file name is a 400 naming it, an unknown one a 404; only names
 * {@link ReportStore#isValidId} and {@link ReportStore#isValidFile} accept reach the file system,
 * and the store checks the resolved path stays inside the report's directory.
 */
public final class ReportsListHandler {
    static final String PATH = "/api/v1/reports";

    private final ReportStore store;
    private final QueryRunner runner;

    private ReportsListHandler(ReportStore store, QueryRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    public static ReportsListHandler create(ReportStore store, QueryRunner runner) {
        return new ReportsListHandler(store, runner);
    }

    /** Adds both routes; call after {@link HttpApi#router} so {@code /api/v1/reports/health} keeps its own routes. */
    public static void mount(Router router, Vertx vertx, MeterRegistry registry, ReportStore store) {
        ReportsListHandler reports = create(store, new QueryRunner(vertx, registry));
        router.get(PATH).handler(reports.list());
        router.get(PATH + "/:id/*").handler(reports.download());
    }

    public Handler<RoutingContext> list() {
        return ctx -> runner.json(ctx, "reports_list", () -> {
            JsonArray reports = new JsonArray();
            for (StoredReport r : store.list()) {
                reports.add(json(r));
            }
            return new JsonObject().put("reports", reports).toBuffer();
        });
    }

    public Handler<RoutingContext> download() {
        return ctx -> {
            String id = ctx.pathParam("id");
            String file = ctx.pathParam("*");
            if (!ReportStore.isValidId(id)) {
                throw ApiException.badRequest("'id' must be a stored report id such as daily-2026-11-02 or weekly-2026-10-26");
            }
            if (!ReportStore.isValidFile(file)) {
                throw ApiException.badRequest("'file' must be a report file name such as health-report.pdf or "
                        + "health-report-charts/error-rate.png (lower-case letters, digits and '-', ending .md, .pdf or .png)");
            }
            runner.run("reports_download", () -> {
                if (store.find(id).isEmpty()) {
                    throw new ApiException(404, "not_found", "no stored report '" + id + "'; GET " + PATH + " lists them");
                }
                return store.file(id, file).orElseThrow(() -> new ApiException(404, "not_found",
                        "report '" + id + "' has no file '" + file + "'"));
            }).onSuccess(path -> ctx.response().putHeader("Content-Type", contentType(file)).sendFile(path.toString())
                    .onFailure(ctx::fail)).onFailure(ctx::fail);
        };
    }

    private static JsonObject json(StoredReport r) {
        JsonArray files = new JsonArray();
        for (String f : r.files()) {
            files.add(new JsonObject().put("name", f).put("url", PATH + "/" + r.id() + "/" + f));
        }
        return new JsonObject().put("id", r.id()).put("kind", "health").put("cadence", r.cadence().label())
                .put("from", r.from().toString()).put("to", r.to().toString()).put("generated_at", r.generatedAt().toString())
                .put("files", files);
    }

    private static String contentType(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (f.endsWith(".png")) {
            return "image/png";
        }
        return "text/markdown; charset=utf-8";
    }
}
