package dev.vigil.ingest.metrics;

import java.util.Map;

/** The canonical text of a series identity, {@code name{a="1",b="2"}} with labels sorted. */
public final class SeriesKey {
    private SeriesKey() {
    }

    /** Labels must already be sorted (the event model sorts them). */
    public static String of(String name, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + labels.size() * 24).append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(label.getKey()).append("=\"");
            String value = label.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c == '\n' ? 'n' : c);
            }
            out.append('"');
        }
        return out.append('}').toString();
    }
}
