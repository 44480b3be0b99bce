package dev.vigil.analytics.patterns;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of the log templates the miner has found, for the patterns API and the query
 * language. Documents carry the template id current when they were indexed
 * ({@code IndexFields.TEMPLATE}); when templates later merge, the old id resolves to the merged
 * template, and a query for a template must match every id merged into it. Thread-safe.
 */
public interface TemplateCatalog {

    /** The template an id stands for now, following merges; empty for an unknown id. */
    Optional<LogTemplate> lookup(String id);

    /** Every id that resolves to the same template as {@code id} (itself included); empty if unknown. */
    Set<String> aliases(String id);

    /** All current templates (merged-away ids are not listed). */
    List<LogTemplate> templates();

    /** The parameter values of {@code message} under the template, or empty when it does not match it. */
    Optional<List<String>> parameters(String templateId, String message);
}
