package dev.vigil.samples;

import java.util.List;

/** The ground truth file format, written by hand so that its layout is fixed: two-space indent, LF. */
final class GroundTruthJson {
    private GroundTruthJson() {
    }

    static String write(Incident incident) {
        StringBuilder out = new StringBuilder();
        out.append("{\n");
        field(out, 1, "id", incident.id()).append(",\n");
        field(out, 1, "title", incident.title()).append(",\n");
        field(out, 1, "description", incident.description()).append(",\n");
        indent(out, 1).append("\"window\": {\n");
        field(out, 2, "from", Timeline.text(incident.from())).append(",\n");
        field(out, 2, "to", Timeline.text(incident.to())).append('\n');
        indent(out, 1).append("},\n");
        indent(out, 1).append("\"root_cause\": {\n");
        field(out, 2, "kind", incident.rootCauseKind()).append(",\n");
        field(out, 2, "service", incident.rootCauseService()).append(",\n");
        field(out, 2, "subject_contains", incident.rootCauseSubjectContains()).append('\n');
        indent(out, 1).append("},\n");
        indent(out, 1).append("\"symptoms\": [\n");
        List<String> symptoms = incident.symptoms();
        for (int i = 0; i < symptoms.size(); i++) {
            quote(indent(out, 2), symptoms.get(i)).append(i + 1 < symptoms.size() ? ",\n" : "\n");
        }
        indent(out, 1).append("]\n");
        out.append("}\n");
        return out.toString();
    }

    private static StringBuilder field(StringBuilder out, int depth, String name, String value) {
        quote(indent(out, depth), name).append(": ");
        return quote(out, value);
    }

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }

    static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
