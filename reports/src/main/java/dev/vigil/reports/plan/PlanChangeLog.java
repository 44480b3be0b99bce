package dev.vigil.reports.plan;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The change log section: dated entries, newest first, each saying what one update changed
 * (components added, status and version changes, migrations, issues opened and resolved). What
 * the previous update saw is kept in the section itself, as one HTML comment line
 * ({@code <!-- vigil:state ... -->}), so the log continues across restarts and wherever the file
 * is moved. Stateless and thread-safe.
 */
public final class PlanChangeLog {
    static final int MAX_ENTRIES = 200;
    private static final String HEADING = "## Change log\n\n";
    private static final Pattern STATE = Pattern.compile("^<!-- vigil:state (.*) -->$", Pattern.MULTILINE);

    /** What an update saw of each component: status, version and migrations applied. */
    record Seen(String status, String version, int migrations) {
    }

    /** The state to compare the next update with. */
    static Map<String, Seen> stateOf(PlanFacts facts) {
        Map<String, Seen> out = new TreeMap<>();
        for (Component c : facts.components()) {
            out.put(c.name(), new Seen(c.status().label(), c.version() == null ? "" : c.version(), c.migrations().size()));
        }
        return out;
    }

    static Map<String, Seen> parseState(String body) {
        Map<String, Seen> out = new TreeMap<>();
        if (body == null) {
            return out;
        }
        Matcher m = STATE.matcher(body);
        if (!m.find()) {
            return out;
        }
        for (String entry : m.group(1).trim().split(" ")) {
            String[] parts = entry.split(",", -1);
            if (parts.length == 4) {
                try {
                    out.put(decode(parts[0]), new Seen(decode(parts[1]), decode(parts[2]), Integer.parseInt(parts[3])));
                } catch (IllegalArgumentException e) {
                    // A hand-edited state entry: skip it; the next update re-describes that component.
                }
            }
        }
        return out;
    }

    /**
     * What changed from {@code before} to now, one line each; empty when nothing did.
     *
     * @param before      the state of the previous update (empty for a new file)
     * @param itemsBefore open and resolved item keys of the previous update
     */
    static List<String> changes(Map<String, Seen> before, PlanFacts facts, Map<String, Boolean> itemsBefore, PlanItems items) {
        List<String> out = new ArrayList<>();
        if (before.isEmpty() && itemsBefore.isEmpty()) {
            out.add("Plan created with " + facts.components().size() + " components and " + items.openCount() + " open to-dos.");
            return out;
        }
        for (Component c : facts.components()) {
            Seen was = before.get(c.name());
            String name = "**" + PlanText.oneLine(c.name()) + "**";
            if (was == null) {
                out.add("Added " + name + " (" + c.group().title() + "), " + c.status().badge().toLowerCase(java.util.Locale.ROOT) + ".");
                continue;
            }
            String version = c.version() == null ? "" : c.version();
            if (!was.version().equals(version)) {
                out.add(name + ": version " + (was.version().isEmpty() ? "—" : was.version()) + " → " + (version.isEmpty() ? "—" : version)
                        + (c.deployedAt() == null ? "" : " (deployed " + c.deployedAt() + ")") + ".");
            }
            if (c.migrations().size() > was.migrations()) {
                for (String migration : c.migrations().subList(Math.min(was.migrations(), c.migrations().size()), c.migrations().size())) {
                    out.add(name + ": migration applied: " + migration + ".");
                }
            }
            if (!was.status().equals(c.status().label())) {
                out.add(name + ": " + ComponentStatus.parse(was.status()).badge() + " → " + c.status().badge()
                        + (c.reason().isBlank() ? "" : " (" + PlanText.oneLine(c.reason()) + ")") + ".");
            }
        }
        for (String name : before.keySet()) {
            if (facts.components().stream().noneMatch(c -> c.name().equals(name))) {
                out.add("No longer seen: **" + PlanText.oneLine(name) + "**.");
            }
        }
        items.open().forEach((key, text) -> {
            if (!itemsBefore.containsKey(key) || !itemsBefore.get(key)) {
                out.add("New issue: " + text);
            }
        });
        items.resolved().forEach((key, text) -> {
            if (Boolean.TRUE.equals(itemsBefore.get(key))) {
                out.add("Resolved: " + text);
            }
        });
        return out;
    }

    /** The section body: the new entry (when {@code lines} is not empty) above the earlier ones, then the state. */
    static String render(String previousBody, Instant at, String title, List<String> lines, PlanFacts facts) {
        List<String> entries = previousEntries(previousBody);
        if (!lines.isEmpty()) {
            StringBuilder entry = new StringBuilder("### ").append(PlanText.minute(at)).append(" — ").append(PlanText.oneLine(title)).append("\n\n");
            lines.forEach(l -> entry.append("- ").append(l).append('\n'));
            entries.add(0, entry.toString());
        }
        StringBuilder out = new StringBuilder(HEADING);
        for (String entry : entries.subList(0, Math.min(MAX_ENTRIES, entries.size()))) {
            out.append(entry).append(entry.endsWith("\n\n") ? "" : "\n");
        }
        out.append("<!-- vigil:state");
        stateOf(facts).forEach((name, seen) -> out.append(' ').append(encode(name)).append(',').append(encode(seen.status())).append(',')
                .append(encode(seen.version())).append(',').append(seen.migrations()));
        out.append(" -->\n");
        return out.toString();
    }

    /** Earlier entries, each from its {@code ###} heading up to the next one or the state line. */
    private static List<String> previousEntries(String body) {
        List<String> out = new ArrayList<>();
        if (body == null) {
            return out;
        }
        StringBuilder current = null;
        for (String line : body.split("\n", -1)) {
            if (line.startsWith("### ")) {
                if (current != null) {
                    out.add(current.toString().stripTrailing() + "\n");
                }
                current = new StringBuilder();
            }
            if (line.startsWith("<!-- vigil:state")) {
                break;
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            out.add(current.toString().stripTrailing() + "\n");
        }
        return out;
    }

    /** Item keys of the previous file, true for open ones. */
    static Map<String, Boolean> itemsOf(Iterable<String> bodies) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        PlanItems.parse(bodies).forEach((key, line) -> out.put(key, line.open()));
        return out;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("-", "%2D");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
