package dev.vigil.reports.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan file split into what people wrote and the sections Vigil writes, which are fenced by
 * lines {@code <!-- vigil:begin ID -->} and {@code <!-- vigil:end ID -->}. {@link #merge} replaces
 * only the bodies between markers: every byte outside them, and the marker lines themselves, are
 * kept exactly; sections the file lacks are appended at its end. A begin marker without its end
 * (or with another begin before its end) is left alone as text, so a half-deleted section loses
 * nothing. Immutable.
 */
public final class PlanDocument {
    private static final Pattern BEGIN = Pattern.compile("^<!-- vigil:begin ([a-z0-9-]+) -->[ \\t]*\\r?$", Pattern.MULTILINE);

    /** Text outside sections (verbatim) or a section (begin line, body, end line, each verbatim). */
    private record Segment(String text, String id, String begin, String body, String end) {
    }

    private final List<Segment> segments;

    private PlanDocument(List<Segment> segments) {
        this.segments = segments;
    }

    public static PlanDocument parse(String text) {
        List<Segment> out = new ArrayList<>();
        int at = 0;
        Matcher begin = BEGIN.matcher(text);
        int from = 0;
        while (begin.find(from)) {
            String id = begin.group(1);
            int bodyStart = lineEnd(text, begin.end());
            Matcher end = Pattern.compile("^<!-- vigil:end " + Pattern.quote(id) + " -->[ \\t]*\\r?$", Pattern.MULTILINE).matcher(text);
            // Sections do not nest: an end found only after another begin belongs to that one.
            Matcher next = BEGIN.matcher(text);
            boolean nextBegin = next.find(bodyStart);
            if (!end.find(bodyStart) || nextBegin && next.start() < end.start()) {
                from = bodyStart;
                continue;
            }
            if (begin.start() > at) {
                out.add(new Segment(text.substring(at, begin.start()), null, null, null, null));
            }
            int endLineEnd = lineEnd(text, end.end());
            out.add(new Segment(null, id, text.substring(begin.start(), bodyStart), text.substring(bodyStart, end.start()),
                    text.substring(end.start(), endLineEnd)));
            at = endLineEnd;
            from = endLineEnd;
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), null, null, null, null));
        }
        return new PlanDocument(out);
    }

    private static int lineEnd(String text, int index) {
        return index < text.length() && text.charAt(index) == '\n' ? index + 1 : index;
    }

    /** Section bodies by id, in file order (the first of a repeated id). */
    public Map<String, String> sections() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Segment s : segments) {
            if (s.id() != null) {
                out.putIfAbsent(s.id(), s.body());
            }
        }
        return out;
    }

    /** The text outside every section, concatenated: what a person wrote. */
    public String personText() {
        StringBuilder out = new StringBuilder();
        segments.stream().filter(s -> s.id() == null).forEach(s -> out.append(s.text()));
        return out.toString();
    }

    /**
     * The file with each section's body replaced by {@code bodies.get(id)} (sections not in the map
     * keep theirs) and sections of {@code bodies} that the file lacks appended, in map order.
     */
    public String merge(Map<String, String> bodies) {
        StringBuilder out = new StringBuilder();
        Map<String, String> missing = new LinkedHashMap<>(bodies);
        for (Segment s : segments) {
            if (s.id() == null) {
                out.append(s.text());
            } else {
                String body = bodies.getOrDefault(s.id(), s.body());
                out.append(s.begin()).append(body);
                if (!body.isEmpty() && !body.endsWith("\n")) {
                    out.append('\n');
                }
                out.append(s.end());
                missing.remove(s.id());
            }
        }
        for (Map.Entry<String, String> section : missing.entrySet()) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(fenced(section.getKey(), section.getValue()));
        }
        return out.toString();
    }

    static String fenced(String id, String body) {
        return "<!-- vigil:begin " + id + " -->\n" + body + (body.endsWith("\n") ? "" : "\n") + "<!-- vigil:end " + id + " -->\n";
    }

    /** A new file: a title and a line for people, then every section. */
    public static String skeleton(List<String> ids, Map<String, String> bodies) {
        StringBuilder out = new StringBuilder("# System implementation plan\n\n");
        out.append("This plan is kept current by Vigil. Write your own notes, decisions and plans anywhere outside the\n")
                .append("`<!-- vigil:begin … -->` / `<!-- vigil:end … -->` markers: Vigil never changes them.\n");
        for (String id : ids) {
            out.append('\n').append(fenced(id, bodies.getOrDefault(id, "")));
        }
        return out.toString();
    }
}
