package dev.vigil.rca.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.model.ChangeEvent;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Timestamps;

/**
 * Decides what to compare for a change, reads it, compares it and words the verdict.
 *
 * <p><b>Before/after</b> (rolling, recreate, immediate and anything without sides): the service's
 * window after the change, starting a settle period after it, against the window of the same
 * length right before the change. The length is at most {@link VerdictSettings#maxWindow()}, ends
 * before the service's next change, does not reach back past the previous change's settle period,
 * does not reach past now, and is trimmed to where the service has data on both sides (so a
 * change near the start of the data is compared over the few minutes there are).
 *
 * <p><b>Side by side</b> (blue_green, canary): in the after window, requests of the new side
 * against requests of the old side, told apart by {@link SideAttributes}. When no request carries
 * a side attribute, or one side has none, it falls back to before/after and says why.
 *
 * <p>A rollback also gets a {@link Recovery}: its after window against the window before the
 * deploy it undid. Thread-safe (no state between calls).
 */
final class ChangeVerdictEvaluator {
    private static final Set<String> SIDE_STRATEGIES = Set.of("blue_green", "canary");

    private final ServiceActivityReader reader;
    private final ChangeTracker tracker;
    private final VerdictSettings settings;
    private final SampleComparator comparator;
    private final LongSupplier nowNanos;

    ChangeVerdictEvaluator(ServiceActivityReader reader, ChangeTracker tracker, VerdictSettings settings, LongSupplier nowNanos) {
        this.reader = reader;
        this.tracker = tracker;
        this.settings = settings;
        this.comparator = new SampleComparator(settings);
        this.nowNanos = nowNanos;
    }

    ChangeVerdict evaluate(TrackedChange tracked) {
        long started = System.nanoTime();
        ChangeEvent change = tracked.event();
        long t = change.timestampNanos();
        long settle = settings.settle().toNanos();
        long afterStart = t + settle;
        long length = settings.maxWindow().toNanos();
        if (tracked.next() != null) {
            length = Math.min(length, tracked.next().timestampNanos() - afterStart);
        }
        long beforeLength = length;
        if (tracked.previous() != null) {
            beforeLength = Math.min(beforeLength, t - (tracked.previous().timestampNanos() + settle));
        }
        long afterEnd = Math.min(afterStart + Math.max(length, 0), nowNanos.getAsLong());
        if (afterEnd <= afterStart) {
            String why = length <= 0
                    ? "the service changed again (" + describe(tracked.next()) + ") within the " + seconds(settle) + " s settle period"
                    : "the change is not " + seconds(settle) + " s old yet: nothing after the settle period to compare";
            return withoutComparison(tracked, new ComparisonPlan(ComparisonPlan.BEFORE_AFTER, null, null, null, null, null, why), started);
        }
        ServiceActivity activity = reader.read(change.service(), new TimeRange(t - Math.max(beforeLength, 0), afterEnd));

        ComparisonPlan plan = null;
        Sample newer = null;
        Sample older = null;
        String note = null;
        if (change.strategy() != null && SIDE_STRATEGIES.contains(change.strategy())) {
            // Side by side needs no before window, but the after window still ends where the data does.
            long sidesEnd = activity.lastNanos() >= afterStart ? Math.min(afterEnd, activity.lastNanos() + 1) : afterEnd;
            SideBySide sides = sideBySide(change, activity, new TimeRange(afterStart, sidesEnd));
            if (sides.plan.mode().equals(ComparisonPlan.SIDE_BY_SIDE)) {
                plan = sides.plan;
                newer = sides.newer;
                older = sides.older;
            } else {
                note = sides.plan.note();
            }
        }
        if (plan == null) {
            long beforeStart = t - Math.max(beforeLength, 0);
            boolean dataBefore = activity.firstNanos() >= 0 && activity.firstNanos() < t;
            boolean dataAfter = activity.lastNanos() >= afterStart;
            long trimmedBefore = dataBefore ? Math.max(beforeStart, activity.firstNanos()) : t;
            long trimmedAfterEnd = dataAfter ? Math.min(afterEnd, activity.lastNanos() + 1) : afterStart;
            long common = Math.min(t - trimmedBefore, trimmedAfterEnd - afterStart);
            if (common <= 0) {
                String why = (note == null ? "" : note + "; ") + (beforeLength <= 0
                        ? "the previous change of the service (" + describe(tracked.previous()) + ") is still settling"
                        : !dataBefore ? "no events of " + change.service() + " before the change" : "no events of " + change.service() + " after the settle period");
                return withoutComparison(tracked, new ComparisonPlan(ComparisonPlan.BEFORE_AFTER, null, null, null, null, null, why), started);
            }
            TimeRange before = new TimeRange(t - common, t);
            TimeRange after = new TimeRange(afterStart, afterStart + common);
            plan = new ComparisonPlan(ComparisonPlan.BEFORE_AFTER, before, after, null, null, null, note);
            older = window(activity, before);
            newer = window(activity, after);
        }
        Comparison comparison = comparator.compare(newer, older);
        Recovery recovery = change.type() == ChangeType.ROLLBACK && tracked.undoes() != null ? recovery(tracked, plan.after(), newer) : null;
        Recommendation recommendation = recommend(tracked, comparison);
        String summary = summary(tracked, plan, comparison, recovery);
        return new ChangeVerdict(tracked, comparison.verdict(), summary, plan, comparison, recommendation, recovery,
                (System.nanoTime() - started) / 1e6);
    }

    private record SideBySide(ComparisonPlan plan, Sample newer, Sample older) {
    }

    private static SideBySide sideBySide(ChangeEvent change, ServiceActivity activity, TimeRange after) {
        List<ServiceActivity.Request> requests = activity.requests().stream().filter(r -> after.contains(r.timestampNanos())).toList();
        String attribute = null;
        for (String name : SideAttributes.NAMES) {
            if (requests.stream().anyMatch(r -> r.sides().containsKey(name))) {
                attribute = name;
                break;
            }
        }
        String strategy = change.strategy().replace('_', '-');
        if (attribute == null) {
            return fallback(strategy + " without sides: no request carries any of the attributes " + String.join(", ", SideAttributes.NAMES)
                    + "; compared before and after instead");
        }
        String name = attribute;
        String newSide = SideAttributes.newSide(change, name);
        if (newSide == null) {
            return fallback(strategy + ": requests carry '" + name + "' but the change names no new side (no version and no '" + name
                    + "' attribute); compared before and after instead");
        }
        String oldSide = SideAttributes.oldSide(change, name);
        Predicate<java.util.Map<String, String>> isNew = sides -> newSide.equals(sides.get(name));
        Predicate<java.util.Map<String, String>> isOld = sides -> sides.containsKey(name) && !newSide.equals(sides.get(name))
                && (oldSide == null || oldSide.equals(sides.get(name)));
        List<ServiceActivity.Request> newRequests = requests.stream().filter(r -> isNew.test(r.sides())).toList();
        List<ServiceActivity.Request> oldRequests = requests.stream().filter(r -> isOld.test(r.sides())).toList();
        if (newRequests.isEmpty() || oldRequests.isEmpty()) {
            return fallback(String.format(Locale.ROOT, "%s: %d requests with %s=%s and %d on the old side in the window; compared before and after instead",
                    strategy, newRequests.size(), name, newSide, oldRequests.size()));
        }
        List<ServiceActivity.Warning> warnings = activity.warnings().stream().filter(w -> after.contains(w.timestampNanos())).toList();
        double minutes = after.lengthNanos() / 60e9;
        Sample newer = new Sample(newRequests, warnings.stream().filter(w -> isNew.test(w.sides())).toList(), newRequests.size(), minutes);
        Sample older = new Sample(oldRequests, warnings.stream().filter(w -> isOld.test(w.sides())).toList(), oldRequests.size(), minutes);
        return new SideBySide(new ComparisonPlan(ComparisonPlan.SIDE_BY_SIDE, after, after, name, newSide, oldSide, null), newer, older);
    }

    private static SideBySide fallback(String note) {
        return new SideBySide(new ComparisonPlan(ComparisonPlan.BEFORE_AFTER, null, null, null, null, null, note), null, null);
    }

    private static Sample window(ServiceActivity activity, TimeRange range) {
        return new Sample(activity.requests().stream().filter(r -> range.contains(r.timestampNanos())).toList(),
                activity.warnings().stream().filter(w -> range.contains(w.timestampNanos())).toList(),
                range.lengthNanos() / 1e9, range.lengthNanos() / 60e9);
    }

    private Recovery recovery(TrackedChange rollback, TimeRange after, Sample afterRollback) {
        TrackedChange deploy = tracker.find(rollback.undoes()).orElse(null);
        if (deploy == null) {
            return null;
        }
        long t = deploy.event().timestampNanos();
        long length = after.lengthNanos();
        if (deploy.previous() != null) {
            length = Math.min(length, t - (deploy.previous().timestampNanos() + settings.settle().toNanos()));
        }
        if (length <= 0) {
            return new Recovery(deploy.id(), null, after, null, null);
        }
        TimeRange baseline = new TimeRange(t - length, t);
        ServiceActivity activity = reader.read(deploy.event().service(), baseline);
        if (activity.firstNanos() > baseline.fromNanos()) {
            baseline = new TimeRange(activity.firstNanos(), t);
        }
        Comparison comparison = comparator.compare(afterRollback, window(activity, baseline));
        Boolean recovered = switch (comparison.verdict()) {
            case HEALTHY -> Boolean.TRUE;
            case DEGRADED -> Boolean.FALSE;
            case INCONCLUSIVE -> null;
        };
        return new Recovery(deploy.id(), baseline, after, recovered, comparison);
    }

    private Recommendation recommend(TrackedChange tracked, Comparison comparison) {
        ChangeEvent change = tracked.event();
        String rolledBackBy = tracked.rolledBackBy();
        return switch (comparison.verdict()) {
            case DEGRADED -> {
                if (change.type() == ChangeType.ROLLBACK) {
                    yield new Recommendation(false, null, "The service is worse after the rollback than before it, so rolling back again"
                            + " will not help: " + String.join("; ", comparison.findings()) + ". Investigate the running version.", null);
                }
                String target = previousVersion(tracked);
                String action = switch (change.type()) {
                    case FEATURE_FLAG -> "Turn the flag back";
                    case CONFIG_CHANGE -> "Revert the configuration";
                    case MIGRATION -> "Roll back the migration (check that its down path is safe for the data written since)";
                    case SCALE, INFRASTRUCTURE -> "Revert the change";
                    default -> target == null ? "Roll back to the previous version" : "Roll back to " + target;
                };
                yield new Recommendation(true, target, action + ": " + String.join("; ", comparison.findings()) + "."
                        + (rolledBackBy == null ? "" : " Already rolled back by change " + rolledBackBy + "."), rolledBackBy);
            }
            case HEALTHY -> new Recommendation(false, null, String.format(Locale.ROOT,
                    "No rollback: none of %d tests found a material degradation at a %.0f%% false discovery rate.",
                    comparison.tests(), comparison.falseDiscoveryRate() * 100), rolledBackBy);
            case INCONCLUSIVE -> new Recommendation(false, null, "No rollback yet: " + comparison.shortfall().message()
                    + ". Ask again when there is more data.", rolledBackBy);
        };
    }

    private static String previousVersion(TrackedChange tracked) {
        String declared = tracked.event().attributes().get("previous_version");
        if (declared != null && !declared.isEmpty()) {
            return declared;
        }
        ChangeEvent previous = tracked.previous();
        if (previous != null && previous.version() != null
                && (previous.type() == ChangeType.DEPLOY || previous.type() == ChangeType.ROLLBACK)) {
            return previous.version();
        }
        // Already rolled back: the rollback says which version it went back to.
        ChangeEvent next = tracked.next();
        if (tracked.rolledBackBy() != null && next != null && next.version() != null && ChangeId.of(next).equals(tracked.rolledBackBy())) {
            return next.version();
        }
        return null;
    }

    private String summary(TrackedChange tracked, ComparisonPlan plan, Comparison comparison, Recovery recovery) {
        StringBuilder out = new StringBuilder(describe(tracked.event())).append(" looks ").append(comparison.verdict().label()).append(": ");
        SideSummary now = comparison.newer();
        SideSummary before = comparison.older();
        if (plan.mode().equals(ComparisonPlan.SIDE_BY_SIDE)) {
            out.append(String.format(Locale.ROOT, "in the %.1f minutes from %s, requests with %s=%s against %s",
                    plan.after().lengthNanos() / 60e9, Timestamps.format(plan.after().fromNanos()), plan.sideAttribute(), plan.newSide(),
                    plan.oldSide() == null ? "the other values" : plan.sideAttribute() + "=" + plan.oldSide()));
        } else {
            out.append(String.format(Locale.ROOT, "the %.1f minutes from %s after it against the same length before it",
                    plan.after().lengthNanos() / 60e9, Timestamps.format(plan.after().fromNanos())));
        }
        out.append(String.format(Locale.ROOT, " (old: %d requests, failure rate %s, p95 %s; new: %d requests, failure rate %s, p95 %s). ",
                before.requests(), percent(before.errorRate()), ms(before.p95Ms()), now.requests(), percent(now.errorRate()), ms(now.p95Ms())));
        switch (comparison.verdict()) {
            case DEGRADED -> out.append(capitalize(String.join("; ", comparison.findings()))).append('.');
            case HEALTHY -> out.append(String.format(Locale.ROOT, "None of %d tests found a material degradation at a %.0f%% false discovery rate.",
                    comparison.tests(), comparison.falseDiscoveryRate() * 100));
            case INCONCLUSIVE -> out.append(capitalize(comparison.shortfall().message())).append('.');
        }
        if (recovery != null && recovery.comparison() != null) {
            SideSummary r = recovery.comparison().newer();
            SideSummary b = recovery.comparison().older();
            out.append(String.format(Locale.ROOT, " Against the window before the deploy it undid (failure rate %s, p95 %s), after the rollback "
                    + "(failure rate %s, p95 %s) the service %s.", percent(b.errorRate()), ms(b.p95Ms()), percent(r.errorRate()), ms(r.p95Ms()),
                    recovery.recovered() == null ? "may have recovered (too little data to tell)"
                            : recovery.recovered() ? "recovered" : "did not recover"));
        }
        return out.toString();
    }

    private ChangeVerdict withoutComparison(TrackedChange tracked, ComparisonPlan plan, long started) {
        String summary = describe(tracked.event()) + " is inconclusive: " + plan.note() + ".";
        return new ChangeVerdict(tracked, Verdict.INCONCLUSIVE, summary, plan, null,
                new Recommendation(false, null, "No rollback: nothing to compare yet (" + plan.note() + ").", tracked.rolledBackBy()), null,
                (System.nanoTime() - started) / 1e6);
    }

    static String describe(ChangeEvent change) {
        if (change == null) {
            return "none";
        }
        StringBuilder out = new StringBuilder(change.service()).append(' ').append(change.type().label().replace('_', ' '));
        if (change.version() != null) {
            out.append(' ').append(change.version());
        }
        if (change.strategy() != null) {
            out.append(" (").append(change.strategy().replace('_', '-')).append(')');
        }
        return out.append(" at ").append(Timestamps.format(change.timestampNanos())).toString();
    }

    private static long seconds(long nanos) {
        return nanos / 1_000_000_000L;
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", value);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
