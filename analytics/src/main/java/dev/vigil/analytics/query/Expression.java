package dev.vigil.analytics.query;

import java.util.regex.Pattern;

/**
 * A {@code where} condition. Comparisons are numeric when both sides read as numbers, else by
 * text; a missing field makes every comparison on it false. Immutable and thread-safe.
 */
public sealed interface Expression {

    /** True when the row satisfies the condition. */
    boolean test(Row row);

    record And(Expression left, Expression right) implements Expression {
        @Override
        public boolean test(Row row) {
            return left.test(row) && right.test(row);
        }
    }

    record Or(Expression left, Expression right) implements Expression {
        @Override
        public boolean test(Row row) {
            return left.test(row) || right.test(row);
        }
    }

    record Not(Expression inner) implements Expression {
        @Override
        public boolean test(Row row) {
            return !inner.test(row);
        }
    }

    /** A bare field: true when the row has it. */
    record Present(String field) implements Expression {
        @Override
        public boolean test(Row row) {
            return row.get(field) != null;
        }
    }

    /** {@code field op literal} or {@code field op field}. */
    record Compare(Operand left, String operator, Operand right) implements Expression {
        @Override
        public boolean test(Row row) {
            Object a = left.value(row);
            Object b = right.value(row);
            if (a == null || b == null) {
                return false;
            }
            int order = Values.compare(a, b);
            return switch (operator) {
                case "=" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> throw new IllegalStateException("operator " + operator);
            };
        }
    }

    /** {@code field ~ "regex"}: the regular expression occurs in the field's text. */
    record Matches(Operand left, Pattern regex) implements Expression {
        @Override
        public boolean test(Row row) {
            Object value = left.value(row);
            return value != null && regex.matcher(Values.text(value)).find();
        }
    }

    /** A side of a comparison. */
    sealed interface Operand {
        Object value(Row row);
    }

    record FieldOperand(String name) implements Operand {
        @Override
        public Object value(Row row) {
            return row.get(name);
        }
    }

    record Literal(Object constant) implements Operand {
        @Override
        public Object value(Row row) {
            return constant;
        }
    }
}
