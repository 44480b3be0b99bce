package dev.vigil.analytics.query;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** One stage of a parsed pipeline; every stage remembers where it starts in the query text. */
public sealed interface Stage {
    int position();

    /** {@code stats agg, ... [by field, ...]}: one row per group. */
    record Stats(List<Aggregation> aggregations, List<String> groupBy, int position) implements Stage {
    }

    /** {@code timechart [span=1m] agg, ... [by field, ...]}: one row per time bucket (and group). */
    record Timechart(Duration span, List<Aggregation> aggregations, List<String> groupBy, int position) implements Stage {
    }

    /** {@code sort [-]field, ...}. */
    record Sort(List<SortKey> keys, int position) implements Stage {
    }

    /** {@code limit N} or {@code head [N]}. */
    record Limit(int count, int position) implements Stage {
    }

    /** {@code fields a, b} keeps only these, in this order; {@code fields - a, b} drops them. */
    record Fields(List<String> names, boolean drop, int position) implements Stage {
    }

    /** {@code where expression}. */
    record Where(Expression condition, int position) implements Stage {
    }

    /**
     * {@code parse "text <name> text" [from field]}: extracts the {@code <name>} parts of the
     * field (the message by default) into fields.
     */
    record Parse(String source, String pattern, Pattern regex, List<String> names, int position) implements Stage {
    }

    /** {@code json [field]}: the field's JSON object (the message by default), flattened to dotted fields. */
    record Json(String source, int position) implements Stage {
    }

    /** {@code rename a as b, ...}. */
    record Rename(List<String> from, List<String> to, int position) implements Stage {
    }

    /** A sort key; {@code descending} for {@code -field}. */
    record SortKey(String field, boolean descending) {
    }
}
