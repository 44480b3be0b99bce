package dev.vigil.analytics.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.vigil.analytics.patterns.LogTemplate;
import dev.vigil.analytics.patterns.TemplateCatalog;

/**
 * What one query needs from the template catalog, remembered for the query's duration so each id
 * is looked up once. Works without a catalog: ids then stand for themselves and have no text. Not
 * thread-safe (one per query).
 */
final class TemplateNames {
    private final TemplateCatalog catalog;
    private final Map<String, Optional<LogTemplate>> templates = new HashMap<>();

    TemplateNames(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    /** The id the template is known by now (after merges). */
    String canonical(String id) {
        return template(id).map(LogTemplate::id).orElse(id);
    }

    /** The template's text, or null when unknown. */
    String text(String id) {
        return template(id).map(LogTemplate::text).orElse(null);
    }

    /** Every id that means the same template, the id itself included. */
    Set<String> aliases(String id) {
        Set<String> aliases = catalog == null ? Set.of() : catalog.aliases(id);
        return aliases.isEmpty() ? Set.of(id) : aliases;
    }

    /** The message's parameter values under the template, or null. */
    List<String> parameters(String id, String message) {
        return catalog == null || id == null ? null : catalog.parameters(id, message).orElse(null);
    }

    private Optional<LogTemplate> template(String id) {
        if (catalog == null) {
            return Optional.empty();
        }
        return templates.computeIfAbsent(id, catalog::lookup);
    }
}
