package dev.vigil.analytics.search;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.Pipelines;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;

/**
 * A fixed set of events shared by the search tests:
 * <ul>
 *   <li>3000 INFO logs of {@code checkout}, one per second from T0: "order placed id i"</li>
 *   <li>20 ERROR logs of {@code payments} at T0 + 100 s, 110 s, ... 290 s:
 *       "Connection refused by upstream db-j", status 503</li>
 *   <li>5 WARN logs of {@code payments} at T0 + 50..54 s: "refused connection, retry j", status 429</li>
 *   <li>3 INFO logs of {@code payments} at T0 + 5..7 s: "oops something odd"</li>
 *   <li>2 changes: deploy of checkout v1.2.3 at T0 + 10 min, config change of payments at T0 + 20 min</li>
 * </ul>
 */
final class SearchFixture {
    static final int CHECKOUT = 3000;
    static final int ERRORS = 20;
    static final int WARNS = 5;
    static final int OOPS = 3;

    private SearchFixture() {
    }

    static List<LogEvent> logs() {
        List<LogEvent> logs = new ArrayList<>();
        for (int i = 0; i < CHECKOUT; i++) {
            logs.add(new LogEvent(T0 + i * SECOND, "checkout", "checkout-" + (i % 3), Level.INFO, "order placed id " + i,
                    Map.of("route", "/api/checkout", "status", "200")));
        }
        for (int j = 0; j < ERRORS; j++) {
            logs.add(new LogEvent(T0 + (100 + 10L * j) * SECOND, "payments", "payments-1", Level.ERROR,
                    "Connection refused by upstream db-" + j, Map.of("status", "503")));
        }
        for (int j = 0; j < WARNS; j++) {
            logs.add(new LogEvent(T0 + (50 + j) * SECOND, "payments", "payments-1", Level.WARN,
                    "refused connection, retry " + j, Map.of("status", "429")));
        }
        for (int j = 0; j < OOPS; j++) {
            logs.add(new LogEvent(T0 + (5 + j) * SECOND, "payments", null, Level.INFO, "oops something odd", Map.of()));
        }
        return logs;
    }

    static List<ChangeEvent> changes() {
        return List.of(
                new ChangeEvent(T0 + 10 * MINUTE, ChangeType.DEPLOY, "checkout", "v1.2.3", "production", "rolling", null,
                        "new pricing engine", Map.of("commit", "abc123")),
                new ChangeEvent(T0 + 20 * MINUTE, ChangeType.CONFIG_CHANGE, "payments", null, "production", null, null,
                        "raise pool size", Map.of()));
    }

    static EventPipeline open(Path dir) throws Exception {
        EventPipeline pipeline = Pipelines.open(dir);
        Pipelines.appendAll(pipeline, EventKind.LOG, logs());
        Pipelines.appendAll(pipeline, EventKind.CHANGE, changes());
        return pipeline;
    }
}
