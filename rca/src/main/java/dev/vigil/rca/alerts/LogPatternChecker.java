package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.analytics.patterns.summary.ChangeQuery;
import dev.vigil.analytics.patterns.summary.PatternChange;
import dev.vigil.analytics.patterns.summary.PatternChangeDetector;
import dev.vigil.analytics.patterns.summary.PatternChanges;
import dev.vigil.analytics.search.EventSearcher;
import dev.vigil.analytics.search.SearchRequest;
import dev.vigil.ingest.EventPipeline;

/**
 * Log pattern rules: one finding per new or surging template (the pattern change detector, the
 * window against the window before it), or one when a search's count crosses the value. Thread-safe.
 */
final class LogPatternChecker {
    private static final int MAX_TEMPLATES = 20;

    private final PatternChangeDetector changes;
    private final EventSearcher searcher;

    LogPatternChecker(EventPipeline pipeline, TemplateCatalog templates, EventSearcher searcher) {
        this.changes = new PatternChangeDetector(pipeline, templates);
        this.searcher = searcher;
    }

    List<Finding> check(LogPatternCondition c, Instant now) {
        TimeRange window = TimeRange.of(now.minus(c.window()), now);
        if (c.mode() == LogPatternCondition.Mode.COUNT) {
            long count = searcher.search(new SearchRequest(c.query(), "log", window, 1, true)).total();
            if (!c.op().holds(count, c.value())) {
                return List.of();
            }
            return List.of(new Finding(Map.of(), count, count + " log events matched '" + c.query() + "' in the last "
                    + Durations.format(c.window()) + " (" + c.op().symbol() + " " + ThresholdChecker.round(c.value()) + ")"));
        }
        PatternChanges found = changes.detect(new ChangeQuery(c.query(), window, null, ChangeQuery.DEFAULT_ALPHA, c.minRatio(),
                MAX_TEMPLATES));
        List<Finding> out = new ArrayList<>();
        if (c.mode() == LogPatternCondition.Mode.NEW) {
            for (PatternChange t : found.newTemplates()) {
                out.add(finding(t, "new log template (" + t.count() + " in the last " + Durations.format(c.window()) + ")"));
            }
        } else {
            for (PatternChange t : found.changed()) {
                if (t.significant() && t.ratio() >= c.minRatio()) {
                    out.add(finding(t, "log template rate x" + ThresholdChecker.round(t.ratio()) + " (" + t.count() + " against "
                            + t.baselineCount() + " before)"));
                }
            }
        }
        return out;
    }

    private static Finding finding(PatternChange t, String what) {
        double value = Double.isInfinite(t.ratio()) ? t.count() : t.ratio();
        return new Finding(Map.of("template", t.id()), value, what + ": " + (t.text() == null ? t.id() : t.text()));
    }
}
