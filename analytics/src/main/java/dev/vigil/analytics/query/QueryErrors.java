package dev.vigil.analytics.query;

/** Shows where in a query an error is: the text around the position with a caret under it. */
public final class QueryErrors {
    private static final int BEFORE = 60;
    private static final int AFTER = 20;

    private QueryErrors() {
    }

    /**
     * Two lines: the query (cut to the part around {@code position}, with … where cut; line breaks
     * shown as spaces) and a {@code ^} under the character at {@code position}. Null when the
     * position is unknown (negative).
     */
    public static String caret(String query, int position) {
        if (query == null || position < 0) {
            return null;
        }
        int at = Math.min(position, query.length());
        int from = Math.max(0, at - BEFORE);
        int to = Math.min(query.length(), at + AFTER);
        String prefix = from > 0 ? "…" : "";
        String suffix = to < query.length() ? "…" : "";
        String shown = query.substring(from, to).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return prefix + shown + suffix + "\n" + " ".repeat(prefix.length() + at - from) + "^";
    }
}
