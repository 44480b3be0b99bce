package dev.vigil.analytics.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.vigil.analytics.metrics.MetricQueryEngine;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexSnapshot;

/**
 * Evaluates every SLO of a repository at an instant: SLI, error budget, burn rates over the
 * standard windows and the state of each burn-rate alert row.
 *
 * <p>Alert rows are stateful: a row turns active when both its windows burn at or above its
 * threshold and stays active until either drops below threshold × the policy's hysteresis (see
 * {@link BurnRatePolicy}). Evaluations should therefore come in time order, e.g. from one
 * periodic task; an evaluation at an earlier instant than the last is computed but leaves the
 * held states alone.
 *
 * <p>Thread-safe: evaluations are serialised. Each reads one index snapshot, so all windows of
 * all SLOs see the same data.
 */
public final class BurnRateEvaluator {
    private final SloRepository repository;
    private final EventPipeline pipeline;
    private final RequestEventCounter requestCounter = new RequestEventCounter();
    private final MetricRatioCounter metricCounter;
    /** Row key → when it became active; rows absent are inactive. */
    private final Map<String, Instant> activeSince = new HashMap<>();
    private Instant lastEvaluation = Instant.MIN;

    public BurnRateEvaluator(SloRepository repository, EventPipeline pipeline) {
        this.repository = repository;
        this.pipeline = pipeline;
        this.metricCounter = new MetricRatioCounter(new MetricQueryEngine(pipeline));
    }

    /** Every policy row of every SLO at {@code now}. */
    public List<BurnRateAlertState> evaluate(Instant now) {
        List<BurnRateAlertState> states = new ArrayList<>();
        for (SloStatus status : statuses(now)) {
            states.addAll(status.alerts());
        }
        return states;
    }

    /** Every SLO evaluated at {@code now}, ordered by id. */
    public synchronized List<SloStatus> statuses(Instant now) {
        List<SloDefinition> slos = repository.all();
        List<SloStatus> statuses = new ArrayList<>(slos.size());
        boolean advance = !now.isBefore(lastEvaluation);
        Set<String> rows = new HashSet<>();
        try (IndexSnapshot snapshot = pipeline.snapshot()) {
            for (SloDefinition slo : slos) {
                SloStatus status = evaluate(slo, now, snapshot, advance);
                status.alerts().forEach(alert -> rows.add(alert.key()));
                statuses.add(status);
            }
        }
        if (advance) {
            // Deleted SLOs and changed policies leave no stale active rows behind.
            activeSince.keySet().retainAll(rows);
            lastEvaluation = now;
        }
        return statuses;
    }

    /** One SLO at {@code now}, or empty if there is no such SLO. */
    public Optional<SloStatus> status(String id, Instant now) {
        for (SloStatus status : statuses(now)) {
            if (status.slo().id().equals(id)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Documents the event counter has read from index segments so far (cached segments are not read again). */
    public long documentsRead() {
        return requestCounter.documentsRead();
    }

    private SloStatus evaluate(SloDefinition slo, Instant now, IndexSnapshot snapshot, boolean advance) {
        long nowMillis = now.toEpochMilli();
        WindowedCounts counts = counts(slo, snapshot, nowMillis);
        double budgetRatio = slo.errorBudgetRatio();
        Counts overall = counts.sum(nowMillis - slo.window().toMillis(), nowMillis);
        Double sli = overall.total() == 0 ? null : (double) overall.good() / overall.total();

        // The standard windows first, then those only the policy uses, shortest first.
        Map<Duration, WindowBurn> burns = new HashMap<>();
        List<WindowBurn> reported = new ArrayList<>();
        Set<Duration> windows = new LinkedHashSet<>(BurnRatePolicy.STANDARD_WINDOWS);
        Set<Duration> policyWindows = new TreeSet<>();
        for (BurnRateRule rule : slo.policy().rules()) {
            policyWindows.add(rule.longWindow());
            policyWindows.add(rule.shortWindow());
        }
        windows.addAll(policyWindows);
        for (Duration window : windows) {
            WindowBurn burn = WindowBurn.of(window, counts.sum(nowMillis - window.toMillis(), nowMillis), budgetRatio);
            burns.put(window, burn);
            reported.add(burn);
        }
        List<BurnRateAlertState> alerts = new ArrayList<>();
        for (BurnRateRule rule : slo.policy().rules()) {
            alerts.add(alertState(slo, rule, burns, now, advance));
        }
        return new SloStatus(slo, now, overall, sli, ErrorBudget.of(overall, budgetRatio), List.copyOf(reported), List.copyOf(alerts));
    }

    /** The row's state: fires when both windows reach the threshold, holds until either drops below threshold × hysteresis. */
    private BurnRateAlertState alertState(SloDefinition slo, BurnRateRule rule, Map<Duration, WindowBurn> burns, Instant now,
                                          boolean advance) {
        double burnLong = burns.get(rule.longWindow()).burnRate();
        double burnShort = burns.get(rule.shortWindow()).burnRate();
        String key = BurnRateAlertState.key(slo.id(), rule.severity(), rule.longWindow(), rule.shortWindow());
        Instant since = activeSince.get(key);
        double bar = since == null ? rule.threshold() : rule.threshold() * slo.policy().hysteresis();
        boolean active = burnLong >= bar && burnShort >= bar;
        if (advance) {
            if (active && since == null) {
                since = now;
                activeSince.put(key, now);
            } else if (!active) {
                activeSince.remove(key);
            }
        }
        return new BurnRateAlertState(slo.id(), slo.name(), slo.service(), rule.severity(), rule.longWindow(), rule.shortWindow(),
                burnLong, burnShort, rule.threshold(), active, active ? since : null, now);
    }

    private WindowedCounts counts(SloDefinition slo, IndexSnapshot snapshot, long nowMillis) {
        if (slo.indicator() instanceof Indicator.MetricRatio ratio) {
            long longest = Math.max(slo.window().toMillis(), Math.max(BurnRatePolicy.STANDARD_WINDOWS.get(4).toMillis(),
                    slo.policy().longestWindow().toMillis()));
            return metricCounter.counts(ratio, nowMillis - longest, nowMillis);
        }
        return requestCounter.counts(slo, snapshot);
    }
}
