package dev.vigil.ingest;

/**
 * Size limits that protocol decoders apply to what one request may carry. Each limit is a server
 * setting; the setting's name is kept here so that every error naming a limit can also name the
 * setting that raises it. Immutable.
 *
 * @param lineLength       longest log line (message) a push may carry, in characters
 * @param labels           most labels per stream
 * @param labelValueLength longest label value, in characters
 */
public record IngestLimits(int lineLength, int labels, int labelValueLength) {
    /** Setting for {@link #lineLength()}. */
    public static final String LINE_SETTING = "line-limit";
    /** Setting for {@link #labels()}. */
    public static final String LABELS_SETTING = "label-limit";
    /** Setting for {@link #labelValueLength()}. */
    public static final String LABEL_VALUE_SETTING = "label-value-limit";

    public static final int DEFAULT_LINE_LENGTH = 1 << 20;
    public static final int DEFAULT_LABELS = 64;
    public static final int DEFAULT_LABEL_VALUE_LENGTH = 2048;

    public IngestLimits {
        positive(LINE_SETTING, lineLength);
        positive(LABELS_SETTING, labels);
        positive(LABEL_VALUE_SETTING, labelValueLength);
    }

    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_LINE_LENGTH, DEFAULT_LABELS, DEFAULT_LABEL_VALUE_LENGTH);
    }

    public IngestLimits withLineLength(int value) {
        return new IngestLimits(value, labels, labelValueLength);
    }

    public IngestLimits withLabels(int value) {
        return new IngestLimits(lineLength, value, labelValueLength);
    }

    public IngestLimits withLabelValueLength(int value) {
        return new IngestLimits(lineLength, labels, value);
    }

    private static void positive(String setting, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
    }
}
