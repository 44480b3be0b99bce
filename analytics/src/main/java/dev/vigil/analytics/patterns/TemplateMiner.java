package dev.vigil.analytics.patterns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds log templates online, in one pass: every message gets a template the moment it is mined,
 * and templates generalise as more messages arrive. See {@link MessageShape} for what counts as a
 * value by its form alone and {@link ServiceTemplates} for how templates grow and merge.
 *
 * <p>Templates are kept per service, so two services never share one, but a template's text is
 * the message's own (the service is not part of it). Memory is bounded: at most
 * {@code maxTemplatesPerService} live templates per service; past that, a new shape joins the
 * closest template of its length or the service's catch-all template {@code <*>}. Ids merged
 * away are kept (one small object each) so that they keep resolving.
 *
 * <p>Ids are stable: a template's id is derived from its service and first text, and when it
 * merges into another, it resolves to that one ({@link #lookup}, {@link #aliases}).
 *
 * <p>Thread-safe. Mining takes the lock of the message's service only (splitting the message and
 * extracting parameters run outside it); reads of the catalog take no lock and see each template
 * either before or after a concurrent merge.
 */
public final class TemplateMiner implements TemplateCatalog {
    /** Default cap on live templates per service. */
    public static final int DEFAULT_MAX_TEMPLATES_PER_SERVICE = 5_000;
    /** Distinct words at one position (siblings plus the new message) that make it a variable. */
    public static final int DEFAULT_MIN_DISTINCT_VALUES = 4;

    private final int maxTemplatesPerService;
    private final int minDistinctValues;
    private final ConcurrentHashMap<String, ServiceTemplates> services = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MinedTemplate> byId = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();

    public TemplateMiner() {
        this(DEFAULT_MAX_TEMPLATES_PER_SERVICE, DEFAULT_MIN_DISTINCT_VALUES);
    }

    public TemplateMiner(int maxTemplatesPerService, int minDistinctValues) {
        if (maxTemplatesPerService < 1 || minDistinctValues < 2) {
            throw new IllegalArgumentException("maxTemplatesPerService must be >= 1 and minDistinctValues >= 2");
        }
        this.maxTemplatesPerService = maxTemplatesPerService;
        this.minDistinctValues = minDistinctValues;
    }

    /** The outcome of mining one message: the id of its template now and its parameter values in order. */
    public record Match(String templateId, String text, List<String> parameters) {
    }

    /** Mines one message (its first line) of a service. */
    public Match mine(String service, String message) {
        MessageShape shape = MessageShape.of(message);
        ServiceTemplates templates = services.computeIfAbsent(service, s -> new ServiceTemplates(s, this));
        MinedTemplate template;
        String[] words;
        synchronized (templates) {
            template = templates.assign(shape);
            words = template.words();
        }
        return new Match(template.id, template.text(), extract(words, shape));
    }

    private static List<String> extract(String[] words, MessageShape shape) {
        if (words.length != shape.words.length) {
            // The catch-all template: the whole line is its one value.
            return List.of(String.join(" ", shape.words));
        }
        List<String> values = new ArrayList<>(4);
        for (int i = 0; i < words.length; i++) {
            WordPatterns.extract(words[i], shape.words[i], values);
        }
        return values;
    }

    @Override
    public Optional<LogTemplate> lookup(String id) {
        MinedTemplate t = byId.get(id);
        return t == null ? Optional.empty() : Optional.of(t.toLogTemplate());
    }

    @Override
    public Set<String> aliases(String id) {
        MinedTemplate t = byId.get(id);
        if (t == null) {
            return Set.of();
        }
        MinedTemplate live = t.live();
        Set<String> ids = new LinkedHashSet<>();
        ids.add(live.id);
        ids.addAll(live.mergedIds);
        return ids;
    }

    @Override
    public List<LogTemplate> templates() {
        List<MinedTemplate> live = new ArrayList<>();
        for (MinedTemplate t : byId.values()) {
            if (t.isLive()) {
                live.add(t);
            }
        }
        live.sort(Comparator.comparingLong(t -> t.sequence));
        List<LogTemplate> result = new ArrayList<>(live.size());
        for (MinedTemplate t : live) {
            result.add(t.toLogTemplate());
        }
        return result;
    }

    @Override
    public Optional<List<String>> parameters(String templateId, String message) {
        MinedTemplate t = byId.get(templateId);
        if (t == null) {
            return Optional.empty();
        }
        MessageShape shape = MessageShape.of(message);
        String[] words;
        MinedTemplate live;
        ServiceTemplates owner = services.get(t.service);
        synchronized (owner) {
            live = t.live();
            words = live.words();
            if (!(words.length == 1 && WordPatterns.isVariable(words[0])) && !live.fits(shape.shapes)) {
                return Optional.empty();
            }
        }
        return Optional.of(extract(words, shape));
    }

    /** The service a template id belongs to, or empty for an unknown id. */
    public Optional<String> service(String id) {
        MinedTemplate t = byId.get(id);
        return t == null ? Optional.empty() : Optional.of(t.service);
    }

    /** Counts structural changes (new templates, merges); equal counts mean nothing to persist. */
    long changes() {
        return changes.get();
    }

    void changed() {
        changes.incrementAndGet();
    }

    int maxTemplatesPerService() {
        return maxTemplatesPerService;
    }

    int minDistinctValues() {
        return minDistinctValues;
    }

    /** A new template with an id derived from its service and text; caller holds the service lock. */
    MinedTemplate create(String service, String[] words) {
        String text = String.join(" ", words);
        long seq = sequence.incrementAndGet();
        for (int salt = 0; ; salt++) {
            String id = TemplateIds.of(service, text, salt);
            MinedTemplate t = new MinedTemplate(id, service, seq, words);
            if (byId.putIfAbsent(id, t) == null) {
                changes.incrementAndGet();
                return t;
            }
        }
    }

    /** Every template (merged ones included) of every service, for persisting. */
    List<TemplateRecord> snapshot() {
        List<TemplateRecord> records = new ArrayList<>();
        for (ServiceTemplates templates : services.values()) {
            synchronized (templates) {
                for (MinedTemplate t : templates.all()) {
                    MinedTemplate into = t.mergedInto();
                    records.add(new TemplateRecord(t.id, t.service, t.sequence,
                            into == null ? String.join(String.valueOf(TemplateRecord.WORD_SEPARATOR), t.words()) : null,
                            into == null ? null : into.id, templates.isOverflow(t)));
                }
            }
        }
        records.sort(Comparator.comparingLong(TemplateRecord::sequence));
        return records;
    }

    /** Rebuilds the state a {@link #snapshot()} recorded into this (empty) miner. */
    void restore(List<TemplateRecord> records) {
        if (!byId.isEmpty()) {
            throw new IllegalStateException("restore needs an empty miner");
        }
        List<TemplateRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong(TemplateRecord::sequence));
        for (TemplateRecord r : sorted) {
            String[] words = r.text() == null ? new String[0] : splitWords(r.text());
            byId.put(r.id(), new MinedTemplate(r.id(), r.service(), r.sequence(), words));
            sequence.accumulateAndGet(r.sequence(), Math::max);
        }
        for (TemplateRecord r : sorted) {
            if (r.mergedInto() != null) {
                MinedTemplate target = byId.get(r.mergedInto());
                if (target == null) {
                    throw new IllegalArgumentException("template " + r.id() + " is merged into unknown id " + r.mergedInto());
                }
                byId.get(r.id()).mergeInto(target);
            }
        }
        for (TemplateRecord r : sorted) {
            MinedTemplate t = byId.get(r.id());
            if (r.mergedInto() != null) {
                t.live().mergedIds.add(t.id);
            }
            services.computeIfAbsent(r.service(), s -> new ServiceTemplates(s, this)).restore(t, r.overflow());
        }
    }

    private static String[] splitWords(String text) {
        return text.isEmpty() ? new String[0] : text.split(String.valueOf(TemplateRecord.WORD_SEPARATOR));
    }
}
