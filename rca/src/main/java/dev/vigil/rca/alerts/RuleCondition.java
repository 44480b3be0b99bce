package dev.vigil.rca.alerts;

import java.util.Map;

/**
 * What a rule checks. Each kind is a record of its own; {@link #fields()} gives the rule-file
 * fields that describe it, so a parsed rule writes back as it was read.
 */
public sealed interface RuleCondition permits ThresholdCondition, AnomalyCondition, AbsenceCondition, LogPatternCondition,
        BurnRateCondition {
    RuleType type();

    /** The condition's fields as in a rule file (snake_case keys, durations as text). */
    Map<String, Object> fields();
}
