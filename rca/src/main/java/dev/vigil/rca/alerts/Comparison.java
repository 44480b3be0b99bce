package dev.vigil.rca.alerts;

/** How a measured value is compared with a rule's value. */
public enum Comparison {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** False for NaN: a statistic with no data never crosses a threshold (absence rules cover that). */
    public boolean holds(double measured, double value) {
        if (Double.isNaN(measured)) {
            return false;
        }
        return switch (this) {
            case GT -> measured > value;
            case GE -> measured >= value;
            case LT -> measured < value;
            case LE -> measured <= value;
            case EQ -> measured == value;
            case NE -> measured != value;
        };
    }

    public static Comparison parse(String text) {
        for (Comparison c : values()) {
            if (c.symbol.equals(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a comparison; use >, >=, <, <=, == or !=");
    }
}
