package dev.vigil.rca.changes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import dev.vigil.analytics.TimeRange;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;

/**
 * Reads change events from the index, gives them ids and links each rollback to the deploy it
 * undoes: the latest deploy of the same service (and environment, when both name one) before the
 * rollback, within {@link #LINK_HORIZON}, that deployed a version other than the one rolled back
 * to. Links are found by reading the service's changes around the ones asked for, so they hold
 * however the list is filtered. Thread-safe (no state between calls).
 */
public final class ChangeTracker {
    /** How far apart a deploy and its rollback may be. */
    public static final Duration LINK_HORIZON = Duration.ofDays(7);
    /** Bounds the changes read per request. */
    static final int MAX_CHANGES = 100_000;

    private final EventScanner scanner;

    public ChangeTracker(EventScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * The changes in a range, oldest first.
     *
     * @param service only this service, or null for all
     * @param type    only this type, or null for all
     * @param limit   at most this many (the oldest are kept)
     */
    public List<TrackedChange> list(TimeRange range, String service, ChangeType type, int limit) {
        long horizon = LINK_HORIZON.toNanos();
        TimeRange around = new TimeRange(saturatedSubtract(range.fromNanos(), horizon), saturatedAdd(range.toNanos(), horizon));
        List<TrackedChange> linked = link(read(around, service));
        List<TrackedChange> out = new ArrayList<>();
        for (TrackedChange change : linked) {
            ChangeEvent event = change.event();
            if (range.contains(event.timestampNanos()) && (type == null || event.type() == type)) {
                out.add(change);
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** The change with this id, or empty when the id is malformed or names no stored change. */
    public Optional<TrackedChange> find(String id) {
        OptionalLong at = ChangeId.timestampOf(id);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        List<ChangeEvent> atInstant = read(new TimeRange(at.getAsLong(), at.getAsLong() + 1), null);
        for (ChangeEvent event : atInstant) {
            if (ChangeId.of(event).equals(id)) {
                return Optional.of(track(event));
            }
        }
        return Optional.empty();
    }

    /** The change with its links, for a change event found elsewhere (an RCA candidate, an incident). */
    public TrackedChange track(ChangeEvent event) {
        long horizon = LINK_HORIZON.toNanos();
        TimeRange around = new TimeRange(saturatedSubtract(event.timestampNanos(), horizon), saturatedAdd(event.timestampNanos(), horizon));
        String id = ChangeId.of(event);
        for (TrackedChange change : link(read(around, event.service()))) {
            if (change.id().equals(id)) {
                return change;
            }
        }
        // Not stored (yet): still tracked against the stored history.
        List<ChangeEvent> history = new ArrayList<>(read(around, event.service()));
        history.add(event);
        return link(history).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private List<ChangeEvent> read(TimeRange range, String service) {
        List<ChangeEvent> changes = new ArrayList<>();
        String query = service == null ? "*" : "service:\"" + service.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        scanner.scan(query, "change", range, MAX_CHANGES, event -> {
            if (event instanceof ChangeEvent change && (service == null || change.service().equals(service))) {
                changes.add(change);
            }
        });
        return changes;
    }

    /** Sorts, removes duplicates (same id) and links rollbacks, previous and next per service. */
    static List<TrackedChange> link(List<ChangeEvent> changes) {
        Map<String, ChangeEvent> unique = new LinkedHashMap<>();
        changes.stream().sorted(Comparator.comparingLong(ChangeEvent::timestampNanos).thenComparing(ChangeId::of))
                .forEach(c -> unique.putIfAbsent(ChangeId.of(c), c));
        Map<String, List<ChangeEvent>> byService = new HashMap<>();
        unique.values().forEach(c -> byService.computeIfAbsent(c.service(), s -> new ArrayList<>()).add(c));
        Map<String, String> undoes = new HashMap<>();
        Map<String, String> rolledBackBy = new HashMap<>();
        for (List<ChangeEvent> history : byService.values()) {
            for (int i = 0; i < history.size(); i++) {
                ChangeEvent rollback = history.get(i);
                if (rollback.type() != ChangeType.ROLLBACK) {
                    continue;
                }
                ChangeEvent undone = undoneBy(history, i);
                if (undone != null && !rolledBackBy.containsKey(ChangeId.of(undone))) {
                    undoes.put(ChangeId.of(rollback), ChangeId.of(undone));
                    rolledBackBy.put(ChangeId.of(undone), ChangeId.of(rollback));
                }
            }
        }
        List<TrackedChange> out = new ArrayList<>();
        for (ChangeEvent change : unique.values()) {
            List<ChangeEvent> history = byService.get(change.service());
            int at = history.indexOf(change);
            String id = ChangeId.of(change);
            out.add(new TrackedChange(id, change, undoes.get(id), rolledBackBy.get(id),
                    at > 0 ? history.get(at - 1) : null, at + 1 < history.size() ? history.get(at + 1) : null));
        }
        return out;
    }

    private static ChangeEvent undoneBy(List<ChangeEvent> history, int rollbackIndex) {
        ChangeEvent rollback = history.get(rollbackIndex);
        for (int j = rollbackIndex - 1; j >= 0; j--) {
            ChangeEvent candidate = history.get(j);
            if (rollback.timestampNanos() - candidate.timestampNanos() > LINK_HORIZON.toNanos()) {
                return null;
            }
            boolean environmentsAgree = candidate.environment() == null || rollback.environment() == null
                    || candidate.environment().equals(rollback.environment());
            if (candidate.type() == ChangeType.DEPLOY && environmentsAgree
                    && (rollback.version() == null || !Objects.equals(candidate.version(), rollback.version()))) {
                return candidate;
            }
        }
        return null;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedSubtract(long a, long b) {
        return Math.max(0, a - b);
    }
}
