package dev.vigil.analytics.patterns.summary;

import static dev.vigil.analytics.Pipelines.MINUTE;
import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.Pipelines;
import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.TemplateEnricher;
import dev.vigil.analytics.patterns.TemplateStore;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;

/**
 * A real pipeline mining templates at index time, with a 10-minute baseline [T0, T0+10m) and the
 * 10-minute window after it:
 * <ul>
 *   <li>{@code shop}: "order N placed in M ms" every 5 s throughout (120 per window), M = 10 + 5 (i mod 7)</li>
 *   <li>{@code shop}: "cache refreshed in N ms" every 60 s throughout (10 per window)</li>
 *   <li>{@code shop}: "retrying connection to db-K attempt A": 4 in the baseline, 80 in the window (a surge)</li>
 *   <li>{@code payments}: "payment gateway timeout after M ms for order N": 30 in the window only (new),
 *       M = 3000 + 100 (j mod 5), every 20 s from the window start</li>
 *   <li>{@code shop}: "user NAME logged in": alice and bob 5 times each in the baseline, carol and dave
 *       5 times each in the window; bob's events are indexed under their own template id, which the
 *       third name merges into alice's</li>
 * </ul>
 * Batches are appended one after another, each searchable before the next, so mining order (and
 * so the merge) is the order written here.
 */
final class PatternFixture implements AutoCloseable {
    static final TimeRange BASELINE = new TimeRange(T0, T0 + 10 * MINUTE);
    static final TimeRange WINDOW = new TimeRange(T0 + 10 * MINUTE, T0 + 20 * MINUTE);
    static final int TIMEOUTS = 30;
    static final int RETRIES_BEFORE = 4;
    static final int RETRIES_NOW = 80;

    final TemplateStore store;
    final EventPipeline pipeline;

    private PatternFixture(TemplateStore store, EventPipeline pipeline) {
        this.store = store;
        this.pipeline = pipeline;
    }

    static PatternFixture open(Path dir) throws IOException {
        TemplateStore store = TemplateStore.open(dir.resolve("templates"));
        EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dir), new TemplateEnricher(store));
        PatternFixture fixture = new PatternFixture(store, pipeline);
        fixture.append(logins(T0, "alice", "bob"));
        fixture.append(steady(BASELINE));
        List<LogEvent> retries = new ArrayList<>();
        for (int k = 0; k < RETRIES_BEFORE; k++) {
            retries.add(log(T0 + (60L * k + 30) * SECOND, "shop", Level.WARN, "retrying connection to db-" + k + " attempt 1"));
        }
        fixture.append(retries);
        fixture.append(logins(WINDOW.fromNanos(), "carol", "dave"));
        fixture.append(steady(WINDOW));
        fixture.append(surge());
        fixture.append(timeouts());
        return fixture;
    }

    private void append(List<LogEvent> events) {
        Pipelines.appendAll(pipeline, EventKind.LOG, events);
    }

    private static List<LogEvent> logins(long start, String first, String second) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(log(start + (2L * i + 1) * SECOND, "shop", Level.INFO, "user " + first + " logged in"));
        }
        for (int i = 0; i < 5; i++) {
            events.add(log(start + (2L * i + 2) * SECOND, "shop", Level.INFO, "user " + second + " logged in"));
        }
        return events;
    }

    /** Orders every 5 s and cache refreshes every 60 s, offset by 3 s. */
    private static List<LogEvent> steady(TimeRange range) {
        List<LogEvent> events = new ArrayList<>();
        int first = (int) ((range.fromNanos() - T0) / (5 * SECOND));
        for (int i = first; i < first + 120; i++) {
            events.add(log(T0 + 5L * i * SECOND, "shop", Level.INFO, "order " + (1000 + i) + " placed in " + (10 + 5 * (i % 7)) + " ms"));
        }
        for (int k = 0; k < 10; k++) {
            events.add(log(range.fromNanos() + (60L * k + 3) * SECOND, "shop", Level.INFO, "cache refreshed in " + (3 + 2 * k) + " ms"));
        }
        return events;
    }

    private static List<LogEvent> surge() {
        List<LogEvent> events = new ArrayList<>();
        for (int j = 0; j < RETRIES_NOW; j++) {
            events.add(log(WINDOW.fromNanos() + 7L * j * SECOND, "shop", Level.WARN,
                    "retrying connection to db-" + (j % 4) + " attempt " + (j % 3 + 1)));
        }
        return events;
    }

    private static List<LogEvent> timeouts() {
        List<LogEvent> events = new ArrayList<>();
        for (int j = 0; j < TIMEOUTS; j++) {
            events.add(log(WINDOW.fromNanos() + 20L * j * SECOND, "payments", Level.ERROR,
                    "payment gateway timeout after " + (3000 + 100 * (j % 5)) + " ms for order " + (5000 + j)));
        }
        return events;
    }

    static LogEvent log(long ts, String service, Level level, String message) {
        return new LogEvent(ts, service, service + "-1", level, message, Map.of());
    }

    @Override
    public void close() throws IOException {
        pipeline.close();
    }
}
