package dev.vigil.reports.plan;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The to-do lines of one update: the items the sources report now, merged with the lines of the
 * file as it was, so that
 * <ul>
 *   <li>an item a person ticked ({@code - [x]}) stays ticked while its source still reports it open;</li>
 *   <li>an item whose source resolved it, or that no source reports any more, is ticked by Vigil and
 *       marked "resolved" with the time, and shown for {@link #KEEP_RESOLVED} after that.</li>
 * </ul>
 * Each line carries its key in an HTML comment ({@code <!-- vigil:item KEY on=COMPONENT -->}), which
 * Markdown viewers do not show. Immutable.
 */
public final class PlanItems {
    static final Duration KEEP_RESOLVED = Duration.ofDays(7);
    private static final Pattern LINE = Pattern.compile("^- \\[([ xX])\\] (.*) <!-- vigil:item (\\S+)(?: on=(\\S*))? -->$");
    private static final String RESOLVED = " — resolved ";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    /** One to-do line as it stands. */
    record Line(String key, String component, String text, boolean checked, Instant resolvedAt, boolean blocker) {
        boolean open() {
            return resolvedAt == null;
        }

        String render() {
            String marker = " <!-- vigil:item " + key + (component == null ? "" : " on=" + URLEncoder.encode(component, StandardCharsets.UTF_8)) + " -->";
            if (resolvedAt != null) {
                return "- [x] " + text + RESOLVED + PlanText.minute(resolvedAt) + marker;
            }
            return "- [" + (checked ? "x" : " ") + "] " + text + marker;
        }
    }

    private final Map<String, Line> lines;

    private PlanItems(Map<String, Line> lines) {
        this.lines = lines;
    }

    /**
     * @param current  what the sources report now (open and resolved)
     * @param previous the section bodies of the file as it was (empty for a new file)
     * @param now      the update's time: when items no source reports any more count as resolved
     * @param dataEnd  the end of the data the plan describes (now, unless it describes the past):
     *                 resolved items are shown until {@link #KEEP_RESOLVED} after it
     */
    public static PlanItems merge(List<PlanItem> current, Iterable<String> previous, Instant now, Instant dataEnd) {
        Instant keepSince = dataEnd.minus(KEEP_RESOLVED);
        Map<String, Line> old = parse(previous);
        Map<String, Line> out = new LinkedHashMap<>();
        for (PlanItem item : current) {
            Line before = old.get(item.key());
            if (item.open()) {
                boolean ticked = before != null && before.open() && before.checked();
                out.put(item.key(), new Line(item.key(), item.component(), item.text(), ticked, null, item.blocker()));
            } else if (before != null || !item.resolvedAt().isBefore(keepSince)) {
                Instant at = before != null && !before.open() ? before.resolvedAt() : item.resolvedAt();
                out.put(item.key(), new Line(item.key(), item.component(), item.text(), true, at, false));
            }
        }
        for (Line before : old.values()) {
            if (out.containsKey(before.key())) {
                continue;
            }
            Instant at = before.open() ? now : before.resolvedAt();
            if (!at.isBefore(keepSince)) {
                out.put(before.key(), new Line(before.key(), before.component(), before.text(), true, at, false));
            }
        }
        return new PlanItems(out);
    }

    /** The to-do lines found in section bodies, by key. */
    static Map<String, Line> parse(Iterable<String> bodies) {
        Map<String, Line> out = new LinkedHashMap<>();
        for (String body : bodies) {
            for (String raw : body.split("\n")) {
                Matcher m = LINE.matcher(raw.stripTrailing());
                if (!m.matches()) {
                    continue;
                }
                String text = m.group(2);
                Instant resolvedAt = null;
                int cut = text.lastIndexOf(RESOLVED);
                if (cut >= 0) {
                    try {
                        resolvedAt = LocalDateTime.parse(text.substring(cut + RESOLVED.length()), MINUTE).toInstant(ZoneOffset.UTC);
                        text = text.substring(0, cut);
                    } catch (DateTimeParseException e) {
                        // Not Vigil's resolution mark: the text merely contains the words.
                    }
                }
                String component = m.group(4) == null ? null : URLDecoder.decode(m.group(4), StandardCharsets.UTF_8);
                out.put(m.group(3), new Line(m.group(3), component, text, !m.group(1).equals(" "), resolvedAt, false));
            }
        }
        return out;
    }

    public int openCount() {
        return (int) lines.values().stream().filter(Line::open).count();
    }

    /** Open items that block work, in key order. */
    public List<PlanItem> blockers() {
        List<PlanItem> out = new ArrayList<>();
        for (Line line : lines.values()) {
            if (line.open() && line.blocker()) {
                out.add(new PlanItem(line.key(), line.component(), line.text(), true, null));
            }
        }
        return out;
    }

    public long openFor(String component) {
        return lines.values().stream().filter(l -> l.open() && component.equals(l.component())).count();
    }

    /** Rendered lines of one component: open first, then resolved. */
    public List<String> linesFor(String component) {
        return render(l -> component.equals(l.component()));
    }

    /** Rendered lines of items whose component is not among {@code components} (or none). */
    public List<String> linesNotFor(Set<String> components) {
        return render(l -> l.component() == null || !components.contains(l.component()));
    }

    /** Keys of open items with their text, for the change log. */
    public Map<String, String> open() {
        Map<String, String> out = new LinkedHashMap<>();
        lines.values().stream().filter(Line::open).forEach(l -> out.put(l.key(), l.text()));
        return out;
    }

    /** Keys of resolved items with their text. */
    public Map<String, String> resolved() {
        Map<String, String> out = new LinkedHashMap<>();
        lines.values().stream().filter(l -> !l.open()).forEach(l -> out.put(l.key(), l.text()));
        return out;
    }

    private List<String> render(java.util.function.Predicate<Line> which) {
        List<String> open = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Line line : lines.values()) {
            if (which.test(line)) {
                (line.open() ? open : done).add(line.render());
            }
        }
        open.addAll(done);
        return open;
    }
}
