package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.List;

import dev.vigil.analytics.slo.BurnRateAlertState;
import dev.vigil.analytics.slo.BurnRateEvaluator;

/** The {@link BurnRateSource} of a node: the SLOs' burn-rate states from their evaluator. Thread-safe (the evaluator is). */
public final class SloBurnRates implements BurnRateSource {
    private final BurnRateEvaluator evaluator;

    public SloBurnRates(BurnRateEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public List<BurnRateState> evaluate(Instant now) {
        return evaluator.evaluate(now).stream().map(SloBurnRates::state).toList();
    }

    private static BurnRateState state(BurnRateAlertState s) {
        return new BurnRateState(s.sloId(), s.service(), s.severity().label(), s.longWindow(), s.shortWindow(), s.burnLong(),
                s.burnShort(), s.threshold(), s.active());
    }
}
