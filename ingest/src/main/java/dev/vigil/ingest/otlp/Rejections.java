package dev.vigil.ingest.otlp;

/** Counts items and rejections of one request and keeps the first few reasons. */
final class Rejections {
    private static final int MAX_REASONS = 3;
    private long items;
    private long rejected;
    private final StringBuilder reasons = new StringBuilder();
    private int reasonCount;

    void item() {
        items++;
    }

    void reject(String where, String reason) {
        rejected++;
        if (reasonCount < MAX_REASONS) {
            if (reasonCount > 0) {
                reasons.append("; ");
            }
            reasons.append(where).append(": ").append(reason);
            reasonCount++;
        }
    }

    long items() {
        return items;
    }

    long rejected() {
        return rejected;
    }

    String message(String noun) {
        if (rejected == 0) {
            return "";
        }
        return rejected + " " + noun + " rejected: " + reasons + (rejected > reasonCount ? "; ..." : "");
    }
}
