package dev.vigil.analytics.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The end of a pipeline: keeps the answer's rows, at most {@code maxRows}. */
final class RowCollector extends Operator {
    private final int maxRows;
    private final QueryBudget budget;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    RowCollector(int maxRows, QueryBudget budget) {
        super(null);
        this.maxRows = maxRows;
        this.budget = budget;
    }

    @Override
    void push(Row row) {
        if (rows.size() < maxRows) {
            rows.add(row.fields());
        } else {
            budget.partial("the answer has more than " + maxRows + " rows; only the first " + maxRows
                    + " are returned (narrow the query, aggregate more coarsely, or add | limit)");
        }
    }

    @Override
    void finish() {
        // The end of the line.
    }

    List<Map<String, Object>> rows() {
        return rows;
    }
}
