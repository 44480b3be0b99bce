package dev.vigil.analytics.patterns.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.patterns.LogTemplate;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.analytics.search.EventQueryParser;
import dev.vigil.analytics.search.QuerySyntaxException;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.index.IndexSnapshot;

/**
 * Finds templates that are new in a window or whose rate changed against a baseline. Every
 * template seen in either window is tested with {@link PoissonRateTest} (the windows' lengths are
 * the exposures), and the p-values are adjusted with {@link BenjaminiHochberg} over all of them,
 * so the expected share of false alarms among the reported changes is at most alpha. Both windows
 * are counted from doc values on one index snapshot. Thread-safe (no state between calls).
 *
 * <p>A window's length is its exposure even where no events were ingested (before the first
 * event, or while a shipper was down), so a baseline reaching before the data began makes rates
 * look higher now than they were.
 */
public final class PatternChangeDetector {
    private static final Comparator<PatternChange> MOST_FREQUENT =
            Comparator.comparingLong(PatternChange::count).reversed().thenComparing(PatternChange::id);
    private static final Comparator<PatternChange> MOST_SIGNIFICANT = Comparator.comparingDouble(PatternChange::adjustedPValue)
            .thenComparing(Comparator.comparingDouble((PatternChange c) -> Math.abs(Math.log(c.ratio()))).reversed())
            .thenComparing(PatternChange::id);

    private final EventPipeline pipeline;
    private final TemplateCatalog catalog;
    private final EventQueryParser parser = new EventQueryParser();

    public PatternChangeDetector(EventPipeline pipeline, TemplateCatalog catalog) {
        this.pipeline = pipeline;
        this.catalog = catalog;
    }

    /** @throws QuerySyntaxException when the query does not parse */
    public PatternChanges detect(ChangeQuery request) {
        long started = System.nanoTime();
        TimeRange window = request.window();
        TimeRange baseline = request.baseline();
        TemplateResolver resolver = new TemplateResolver(catalog);
        TemplateCounts now;
        TemplateCounts before;
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            TemplateCounter counter = new TemplateCounter(resolver);
            now = counter.count(snapshot.searcher(), parser.parse(request.query(), IndexFields.KIND_LOG, window));
            before = counter.count(snapshot.searcher(), parser.parse(request.query(), IndexFields.KIND_LOG, baseline));
        }
        Map<String, LogTemplate> templates = new LinkedHashMap<>();
        now.byId().values().forEach(c -> templates.put(c.id(), c.template()));
        before.byId().values().forEach(c -> templates.putIfAbsent(c.id(), c.template()));

        double seconds = window.lengthNanos() / 1e9;
        double baselineSeconds = baseline.lengthNanos() / 1e9;
        List<LogTemplate> tested = new ArrayList<>(templates.values());
        double[] pValues = new double[tested.size()];
        for (int i = 0; i < pValues.length; i++) {
            String id = tested.get(i).id();
            pValues[i] = PoissonRateTest.pValue(now.count(id), seconds, before.count(id), baselineSeconds);
        }
        double[] adjusted = BenjaminiHochberg.adjust(pValues);

        List<PatternChange> fresh = new ArrayList<>();
        List<PatternChange> changed = new ArrayList<>();
        for (int i = 0; i < pValues.length; i++) {
            LogTemplate template = tested.get(i);
            TemplateCount current = now.byId().get(template.id());
            long count = current == null ? 0 : current.count();
            long baselineCount = before.count(template.id());
            double rate = count / seconds;
            double baselineRate = baselineCount / baselineSeconds;
            double ratio = baselineCount == 0 ? Double.POSITIVE_INFINITY : rate / baselineRate;
            boolean significant = adjusted[i] <= request.alpha();
            boolean large = ratio >= request.minRatio() || ratio <= 1 / request.minRatio();
            PatternChange change = new PatternChange(template.id(), template.text(), count, baselineCount, rate, baselineRate, ratio,
                    pValues[i], adjusted[i], significant && (baselineCount == 0 || large),
                    current == null ? -1 : current.firstNanos(), current == null ? -1 : current.lastNanos());
            if (change.isNew()) {
                fresh.add(change);
            } else if (change.significant()) {
                changed.add(change);
            }
        }
        fresh.sort(MOST_FREQUENT);
        changed.sort(MOST_SIGNIFICANT);
        return new PatternChanges(window, baseline, request.query(), PoissonRateTest.NAME, BenjaminiHochberg.NAME, request.alpha(),
                request.minRatio(), tested.size(), now.total(), before.total(),
                List.copyOf(fresh.subList(0, Math.min(fresh.size(), request.limit()))),
                List.copyOf(changed.subList(0, Math.min(changed.size(), request.limit()))),
                (System.nanoTime() - started) / 1e6);
    }
}
