package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.List;

/**
 * Evaluates a rule's condition at an instant. Implementations must be thread-safe and may block
 * (index reads): the engine calls them on a worker thread, never on an event loop.
 */
@FunctionalInterface
public interface ConditionChecker {
    /**
     * @return one finding per instance for which the condition holds; empty when it holds nowhere
     * @throws RuntimeException when the condition cannot be evaluated (e.g. a query that does not
     *                          parse); the engine keeps the rule's alerts as they were and reports the error
     */
    List<Finding> check(RuleCondition condition, Instant now);
}
