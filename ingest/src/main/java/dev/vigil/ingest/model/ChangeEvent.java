package dev.vigil.ingest.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A change to the running system: the prime suspect of most incidents.
 *
 * @param timestampNanos when the change took effect (or started), nanoseconds since the epoch
 * @param type           deploy, rollback, migration, config change, ...
 * @param service        the changed service
 * @param version        the version deployed or rolled back to, or {@code null}
 * @param environment    e.g. {@code production}; {@code null} when not given
 * @param strategy       rolling, blue_green, canary, recreate, or {@code null}
 * @param status         where the change stands
 * @param description    a human summary, or {@code null}
 * @param attributes     anything else (commit, author, ticket), sorted by key
 */
public record ChangeEvent(long timestampNanos, ChangeType type, String service, String version,
                          String environment, String strategy, ChangeStatus status, String description,
                          Map<String, String> attributes) implements Event {

    /** Strategies that Vigil understands; others are refused so that typos don't split reports. */
    public static final Set<String> STRATEGIES = Set.of("rolling", "blue_green", "canary", "recreate", "shadow", "immediate");

    public ChangeEvent {
        Checks.timestamp("timestamp", timestampNanos);
        if (type == null) {
            throw new InvalidFieldException("type", "is required");
        }
        Checks.required("service", service, Checks.MAX_NAME);
        version = Checks.optional("version", version, Checks.MAX_NAME);
        environment = Checks.optional("environment", environment, Checks.MAX_NAME);
        strategy = normalizeStrategy(strategy);
        status = status == null ? ChangeStatus.SUCCEEDED : status;
        description = Checks.optional("description", description, Checks.MAX_TEXT);
        attributes = Checks.attributes("attributes", attributes);
    }

    private static String normalizeStrategy(String strategy) {
        if (strategy == null || strategy.isBlank()) {
            return null;
        }
        String normalized = strategy.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (!STRATEGIES.contains(normalized)) {
            throw new InvalidFieldException("strategy", "unknown strategy '" + strategy
                    + "'; use one of rolling, blue_green, canary, recreate, shadow, immediate");
        }
        return normalized;
    }

    @Override
    public EventKind kind() {
        return EventKind.CHANGE;
    }
}
