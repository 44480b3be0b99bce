package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Burn-rate rules: one finding per active SLO policy row the rule selects. Thread-safe if the source is. */
final class BurnRateChecker {
    private final BurnRateSource source;

    BurnRateChecker(BurnRateSource source) {
        this.source = source;
    }

    List<Finding> check(BurnRateCondition c, Instant now) {
        List<Finding> out = new ArrayList<>();
        for (BurnRateSource.BurnRateState s : source.evaluate(now)) {
            if (!s.active() || (c.slo() != null && !c.slo().equals(s.sloId())) || (c.severity() != null && !c.severity().equals(s.severity()))) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("slo", s.sloId());
            if (s.service() != null) {
                labels.put("service", s.service());
            }
            labels.put("severity", s.severity());
            labels.put("burn_window", Durations.format(s.longWindow()) + "/" + Durations.format(s.shortWindow()));
            out.add(new Finding(labels, s.burnLong(), "SLO " + s.sloId() + " burning its error budget at "
                    + ThresholdChecker.round(s.burnLong()) + "x over " + Durations.format(s.longWindow()) + " and "
                    + ThresholdChecker.round(s.burnShort()) + "x over " + Durations.format(s.shortWindow()) + " (threshold "
                    + ThresholdChecker.round(s.threshold()) + "x)"));
        }
        return out;
    }
}
