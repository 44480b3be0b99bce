package dev.vigil.analytics.query;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code parse}: sets the pattern's captures as fields; a row the pattern does not match passes unchanged. */
final class ParseOperator extends Operator {
    private final String source;
    private final Pattern regex;
    private final List<String> names;

    ParseOperator(Stage.Parse stage, Operator next) {
        super(next);
        this.source = stage.source();
        this.regex = stage.regex();
        this.names = stage.names();
    }

    @Override
    void push(Row row) {
        Object value = row.get(source);
        if (value != null) {
            Matcher matcher = regex.matcher(Values.text(value));
            if (matcher.find()) {
                for (int i = 0; i < names.size(); i++) {
                    row.set(names.get(i), matcher.group(i + 1));
                }
            }
        }
        next.push(row);
    }
}
