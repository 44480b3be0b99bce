package dev.vigil.analytics.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.analytics.TimeRange;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Timestamps;

/**
 * {@code stats} and {@code timechart}: folds rows into groups as they stream past (memory per
 * group, not per row) and emits one row per group when the input ends, ordered by group. A group
 * row holds the {@code by} fields (with {@code template_text} after {@code template}) and then
 * the aggregates. {@code timechart} groups by time bucket first, emits the bucket start as
 * {@code _time}, and fills buckets without rows (count 0, other aggregates null) so charts have
 * no gaps.
 */
final class GroupAggregator extends Operator {
    /** The most groups a query may build; rows of further groups are left out and the answer is partial. */
    static final int MAX_GROUPS = 10_000;
    /** Above this many bucket × series cells, empty buckets are not filled in. */
    static final int MAX_FILLED_CELLS = 100_000;
    static final String TIME = "_time";

    private final List<Aggregation> aggregations;
    private final List<String> groupBy;
    private final TemplateNames templates;
    private final QueryBudget budget;
    private final long startNanos;
    private final long spanNanos;
    private final int buckets;
    private final Map<List<Object>, Accumulator[]> groups = new HashMap<>();

    private GroupAggregator(List<Aggregation> aggregations, List<String> groupBy, long startNanos, long spanNanos, int buckets,
                            TemplateNames templates, QueryBudget budget, Operator next) {
        super(next);
        this.aggregations = aggregations;
        this.groupBy = groupBy;
        this.templates = templates;
        this.budget = budget;
        this.startNanos = startNanos;
        this.spanNanos = spanNanos;
        this.buckets = buckets;
    }

    static GroupAggregator stats(Stage.Stats stage, TemplateNames templates, QueryBudget budget, Operator next) {
        return new GroupAggregator(stage.aggregations(), stage.groupBy(), 0, 0, 0, templates, budget, next);
    }

    static GroupAggregator timechart(Stage.Timechart stage, long spanNanos, TimeRange range, TemplateNames templates,
                                     QueryBudget budget, Operator next) {
        long start = Math.floorDiv(range.fromNanos(), spanNanos) * spanNanos;
        int buckets = (int) ((range.toNanos() - start + spanNanos - 1) / spanNanos);
        return new GroupAggregator(stage.aggregations(), stage.groupBy(), start, spanNanos, buckets, templates, budget, next);
    }

    private boolean timechart() {
        return spanNanos > 0;
    }

    @Override
    void push(Row row) {
        int offset = timechart() ? 1 : 0;
        Object[] key = new Object[groupBy.size() + offset];
        if (timechart()) {
            long ts = row.timestampNanos();
            if (ts == Long.MIN_VALUE) {
                return;
            }
            long bucket = Math.floorDiv(ts - startNanos, spanNanos);
            if (bucket < 0 || bucket >= buckets) {
                return;
            }
            key[0] = bucket;
        }
        for (int i = 0; i < groupBy.size(); i++) {
            key[offset + i] = row.get(groupBy.get(i));
        }
        List<Object> group = Arrays.asList(key);
        Accumulator[] accumulators = groups.get(group);
        if (accumulators == null) {
            if (groups.size() >= MAX_GROUPS) {
                budget.partial("more than " + MAX_GROUPS + " groups; rows of further groups were left out (group by fewer or coarser fields)");
                return;
            }
            accumulators = newAccumulators();
            groups.put(group, accumulators);
        }
        for (int i = 0; i < accumulators.length; i++) {
            String field = aggregations.get(i).field();
            accumulators[i].add(field == null ? null : row.get(field));
        }
    }

    /** One accumulator per aggregate; percentiles of the same field share their values. */
    private Accumulator[] newAccumulators() {
        Accumulator[] accumulators = new Accumulator[aggregations.size()];
        Map<String, Percentile.Store> stores = null;
        for (int i = 0; i < accumulators.length; i++) {
            Aggregation aggregation = aggregations.get(i);
            double quantile = aggregation.function().quantile();
            if (Double.isNaN(quantile)) {
                accumulators[i] = Accumulator.of(aggregation);
                continue;
            }
            if (stores == null) {
                stores = new HashMap<>(4);
            }
            Percentile.Store shared = stores.get(aggregation.field());
            accumulators[i] = shared == null ? new Percentile(quantile) : new Percentile(quantile, shared, false);
            if (shared == null) {
                stores.put(aggregation.field(), ((Percentile) accumulators[i]).store());
            }
        }
        return accumulators;
    }

    @Override
    void finish() {
        List<List<Object>> keys = new ArrayList<>(groups.keySet());
        if (timechart()) {
            keys = filled(keys);
        }
        keys.sort(GroupAggregator::compareKeys);
        for (List<Object> key : keys) {
            next.push(row(key, groups.get(key)));
        }
        groups.clear();
        next.finish();
    }

    /** Every bucket × every series seen, when that is not too many. */
    private List<List<Object>> filled(List<List<Object>> keys) {
        Set<List<Object>> series = new LinkedHashSet<>();
        for (List<Object> key : keys) {
            series.add(key.subList(1, key.size()));
        }
        if (series.isEmpty()) {
            series.add(List.of());
        }
        if ((long) buckets * series.size() > MAX_FILLED_CELLS) {
            return keys;
        }
        List<List<Object>> all = new ArrayList<>(buckets * series.size());
        for (long bucket = 0; bucket < buckets; bucket++) {
            for (List<Object> s : series) {
                Object[] key = new Object[s.size() + 1];
                key[0] = bucket;
                for (int i = 0; i < s.size(); i++) {
                    key[i + 1] = s.get(i);
                }
                all.add(Arrays.asList(key));
            }
        }
        return all;
    }

    private MapRow row(List<Object> key, Accumulator[] accumulators) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        int offset = 0;
        long timestamp = Long.MIN_VALUE;
        if (timechart()) {
            timestamp = startNanos + (Long) key.get(0) * spanNanos;
            values.put(TIME, Timestamps.toInstant(timestamp));
            offset = 1;
        }
        for (int i = 0; i < groupBy.size(); i++) {
            String field = groupBy.get(i);
            Object value = key.get(offset + i);
            values.put(field, value);
            if (field.equals(IndexFields.TEMPLATE)) {
                values.put(LogFields.TEMPLATE_TEXT, value == null ? null : templates.text(Values.text(value)));
            }
        }
        for (int i = 0; i < aggregations.size(); i++) {
            Aggregation aggregation = aggregations.get(i);
            values.put(aggregation.name(), accumulators == null ? Accumulator.empty(aggregation) : accumulators[i].result());
        }
        return new MapRow(values, timestamp);
    }

    /** Bucket first, then each group value; missing values last. */
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? 1 : -1;
                }
                continue;
            }
            int c = Values.sortOrder(x, y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
