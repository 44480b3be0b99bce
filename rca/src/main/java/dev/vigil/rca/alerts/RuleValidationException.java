package dev.vigil.rca.alerts;

/**
 * A rule, silence or alerting setting that cannot be accepted; {@link #field()} names the field
 * (e.g. {@code rules[2].window}) so the message can point at it.
 */
public final class RuleValidationException extends IllegalArgumentException {
    private final String field;

    public RuleValidationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
