package dev.vigil.analytics.patterns.summary;

import java.util.HashMap;
import java.util.Map;

import dev.vigil.analytics.patterns.LogTemplate;
import dev.vigil.analytics.patterns.TemplateCatalog;

/**
 * Maps the template id a document was indexed with to the template it stands for now (following
 * merges), asking the catalog once per id. An id the catalog does not know stays itself, with no
 * text. One per request; not thread-safe.
 */
final class TemplateResolver {
    private final TemplateCatalog catalog;
    private final Map<String, LogTemplate> resolved = new HashMap<>();

    TemplateResolver(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    LogTemplate resolve(String indexedId) {
        return resolved.computeIfAbsent(indexedId, id -> catalog.lookup(id).orElseGet(() -> new LogTemplate(id, null, 0)));
    }
}
