package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.anomaly.monitor.Anomaly;
import dev.vigil.analytics.anomaly.monitor.AnomalyMonitor;
import dev.vigil.analytics.anomaly.monitor.AnomalyQuery;

/**
 * Anomaly rules: one finding per anomalous series whose episode began within the window, the
 * strongest episode when a series has several. Thread-safe (the monitor is).
 */
final class AnomalyChecker {
    private final AnomalyMonitor anomalies;

    AnomalyChecker(AnomalyMonitor anomalies) {
        this.anomalies = anomalies;
    }

    List<Finding> check(AnomalyCondition c, Instant now) {
        TimeRange range = TimeRange.of(now.minus(c.window()), now);
        Map<String, Anomaly> strongest = new LinkedHashMap<>();
        for (Anomaly a : anomalies.anomalies(new AnomalyQuery(range, c.service(), c.minScore(), c.kind()), now.toEpochMilli())) {
            strongest.merge(a.signal().series(), a, (x, y) -> y.score() > x.score() ? y : x);
        }
        List<Finding> out = new ArrayList<>();
        for (Anomaly a : strongest.values()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("service", a.signal().service());
            labels.put("signal", a.signal().series());
            labels.put("signal_kind", a.signal().kind().label());
            out.add(new Finding(labels, a.score(), a.signal().series() + " anomalous since " + a.onset() + ": observed "
                    + ThresholdChecker.round(a.observed()) + ", expected " + ThresholdChecker.round(a.expected()) + " (score "
                    + ThresholdChecker.round(a.score()) + ")"));
        }
        return out;
    }
}
