package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.List;

import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.analytics.search.EventQueryParser;
import dev.vigil.analytics.search.EventSearcher;
import dev.vigil.ingest.EventPipeline;

/**
 * The {@link ConditionChecker} over Vigil's own data: metric store, request statistics, the
 * anomaly monitor, log templates and search, and a {@link BurnRateSource}. Thread-safe.
 */
public final class AnalyticsChecker implements ConditionChecker {
    private final ThresholdChecker threshold;
    private final AnomalyChecker anomaly;
    private final AbsenceChecker absence;
    private final LogPatternChecker logPattern;
    private final BurnRateChecker burnRate;

    public AnalyticsChecker(EventPipeline pipeline, TemplateCatalog templates, AnomalyMonitor anomalies, BurnRateSource burnRates) {
        EventSearcher searcher = new EventSearcher(pipeline, new EventQueryParser(templates::aliases));
        this.threshold = new ThresholdChecker(pipeline);
        this.anomaly = new AnomalyChecker(anomalies);
        this.absence = new AbsenceChecker(pipeline, searcher);
        this.logPattern = new LogPatternChecker(pipeline, templates, searcher);
        this.burnRate = new BurnRateChecker(burnRates);
    }

    @Override
    public List<Finding> check(RuleCondition condition, Instant now) {
        if (condition instanceof ThresholdCondition c) {
            return threshold.check(c, now);
        } else if (condition instanceof AnomalyCondition c) {
            return anomaly.check(c, now);
        } else if (condition instanceof AbsenceCondition c) {
            return absence.check(c, now);
        } else if (condition instanceof LogPatternCondition c) {
            return logPattern.check(c, now);
        }
        return burnRate.check((BurnRateCondition) condition, now);
    }
}
