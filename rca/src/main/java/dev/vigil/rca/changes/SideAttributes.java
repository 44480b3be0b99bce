package dev.vigil.rca.changes;

import java.util.List;
import java.util.Map;

import dev.vigil.ingest.model.ChangeEvent;

/**
 * Which attribute of a request event tells the sides of a blue-green switch or a canary apart,
 * and which values mark the new side and the old one.
 *
 * <p>Recognised names, in this order: {@code version}, {@code service.version} (OpenTelemetry),
 * {@code deployment}, {@code color}. The first name that any request of the service carries in
 * the comparison window is the side attribute. The new side is the value the change event's
 * attributes give under the same name, or else the change's version (so a deploy of
 * {@code v2.0} with requests tagged {@code version=v2.0} needs nothing more; a blue-green switch to
 * green tagged {@code color=green} needs {@code "attributes":{"color":"green"}} on the change). The
 * old side is the value under {@code previous_<name>} on the change (e.g.
 * {@code previous_version}) or, when not given, every other value. Stateless and thread-safe.
 */
public final class SideAttributes {
    /** The attribute names that carry a request's side, in order of preference. */
    public static final List<String> NAMES = List.of("version", "service.version", "deployment", "color");

    private SideAttributes() {
    }

    /** The side value of an event's attributes under {@code name}, or null. */
    static String valueOf(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The new side's value for a change whose requests carry {@code name}, or null when the change does not say. */
    static String newSide(ChangeEvent change, String name) {
        String value = change.attributes().get(name);
        return value != null && !value.isEmpty() ? value : change.version();
    }

    /** The old side's value, or null meaning "every value but the new side's". */
    static String oldSide(ChangeEvent change, String name) {
        String value = change.attributes().get("previous_" + name);
        return value == null || value.isEmpty() ? null : value;
    }
}
