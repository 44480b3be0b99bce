package dev.vigil.reports.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.slo.BurnRateEvaluator;
import dev.vigil.analytics.slo.SloStatus;
import dev.vigil.analytics.slo.WindowBurn;

/**
 * Reads every SLO at points through a report window: the status at the end for the SLO table, the
 * budget left at each point for the burn chart. Evaluations never reach past the present, so a
 * report never moves the burn-rate alert states ahead of the live evaluation. Thread-safe.
 */
final class SloCollector {
    /** Points of the burn chart; each is one evaluation of every SLO (segment counts are cached). */
    static final int POINTS = 24;

    private final BurnRateEvaluator evaluator;

    SloCollector(BurnRateEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    List<SloLine> collect(TimeRange window, Instant now) {
        Instant end = window.to().isAfter(now) ? now : window.to();
        if (!end.isAfter(window.from())) {
            return List.of();
        }
        long span = Duration.between(window.from(), end).toMillis();
        Map<String, List<SloLine.BudgetPoint>> history = new LinkedHashMap<>();
        List<SloStatus> last = List.of();
        for (int i = 1; i <= POINTS; i++) {
            Instant at = window.from().plusMillis(span * i / POINTS);
            last = evaluator.statuses(at);
            for (SloStatus status : last) {
                history.computeIfAbsent(status.slo().id(), k -> new ArrayList<>())
                        .add(new SloLine.BudgetPoint(at, status.counts().total() == 0 ? Double.NaN : status.budget().remainingFraction()));
            }
        }
        List<SloLine> out = new ArrayList<>();
        Duration length = window.length();
        for (SloStatus status : last) {
            WindowBurn burn = closest(status.burnRates(), length);
            boolean measured = status.counts().total() > 0;
            out.add(new SloLine(status.slo().id(), status.slo().name(), status.slo().service(), status.slo().target(), status.slo().window(),
                    status.sli() == null ? Double.NaN : status.sli(), measured ? status.budget().remainingFraction() : Double.NaN,
                    burn == null ? Double.NaN : burn.burnRate(), burn == null ? null : burn.window(), status.met(),
                    history.getOrDefault(status.slo().id(), List.of())));
        }
        return out;
    }

    /** The burn window closest to the report's length, so the burn describes the period reported on. */
    private static WindowBurn closest(List<WindowBurn> burns, Duration length) {
        WindowBurn best = null;
        for (WindowBurn burn : burns) {
            if (best == null || Math.abs(Math.log((double) burn.window().toMillis() / length.toMillis()))
                    < Math.abs(Math.log((double) best.window().toMillis() / length.toMillis()))) {
                best = burn;
            }
        }
        return best;
    }
}
