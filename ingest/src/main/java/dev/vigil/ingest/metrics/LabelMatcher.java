package dev.vigil.ingest.metrics;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Prometheus label matcher: {@code =}, {@code !=}, {@code =~}, {@code !~}. Regexes are fully
 * anchored, and a missing label matches as the empty string, as in PromQL.
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {

    public enum Op {
        EQ("="), NEQ("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public static LabelMatcher of(String name, Op op, String value) {
        Pattern pattern = null;
        if (op == Op.RE || op == Op.NRE) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex for label " + name + ": " + e.getDescription());
            }
        }
        return new LabelMatcher(name, op, value, pattern);
    }

    public boolean matches(String actual) {
        String v = actual == null ? "" : actual;
        return switch (op) {
            case EQ -> v.equals(value);
            case NEQ -> !v.equals(value);
            case RE -> pattern.matcher(v).matches();
            case NRE -> !pattern.matcher(v).matches();
        };
    }

    @Override
    public String toString() {
        return name + op.symbol + '"' + value + '"';
    }
}
