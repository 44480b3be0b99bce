package dev.vigil.analytics.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates of one service and the rules that grow them. Not thread-safe: the
 * {@link TemplateMiner} calls it under this object's monitor.
 *
 * <p>How a message finds its template:
 * <ol>
 *   <li>Its shape ({@link MessageShape}) is looked up exactly: most lines end here.</li>
 *   <li>Else the templates with the same number of words are scanned: one it fits is its template.</li>
 *   <li>Else, the templates that differ from it in exactly one word, at the same position, are
 *       its siblings. When the siblings and the message together show at least
 *       {@code minDistinctValues} different words there, that word is a variable: they merge into
 *       the oldest sibling, whose id the others now resolve to. Fewer distinct words stay separate
 *       templates, because two or three alternatives in one place are usually constants
 *       ({@code HTTPS} / {@code SOCKS5}), while real variables show many values quickly.</li>
 *   <li>Else it starts a new template, unless the service is at its cap: then it joins the
 *       template it is closest to (generalising the words that differ), or the service's
 *       catch-all template when it has none of its length.</li>
 * </ol>
 */
final class ServiceTemplates {
    private static final int MAX_EXACT_ENTRIES = 50_000;

    private final String service;
    private final TemplateMiner miner;
    private final Map<String, MinedTemplate> exact = new HashMap<>();
    private final Map<Integer, List<MinedTemplate>> byLength = new HashMap<>();
    /** Every template this service created, merged ones included (their ids must keep resolving). */
    private final List<MinedTemplate> all = new ArrayList<>();
    private MinedTemplate overflow;
    private int live;

    ServiceTemplates(String service, TemplateMiner miner) {
        this.service = service;
        this.miner = miner;
    }

    /** The template of a message of this shape, learning from it. */
    MinedTemplate assign(MessageShape shape) {
        String key = shape.key();
        MinedTemplate known = exact.get(key);
        if (known != null) {
            return known.live();
        }
        MinedTemplate result = assignNew(shape);
        if (exact.size() >= MAX_EXACT_ENTRIES) {
            // The cache is only a shortcut; dropping it costs a rescan, never a different answer.
            exact.clear();
        }
        exact.put(key, result);
        return result;
    }

    private MinedTemplate assignNew(MessageShape shape) {
        String[] shapes = shape.shapes;
        List<MinedTemplate> bucket = byLength.computeIfAbsent(shapes.length, n -> new ArrayList<>());
        MinedTemplate fit = null;
        int fitVariables = Integer.MAX_VALUE;
        List<MinedTemplate>[] siblings = null;
        for (MinedTemplate t : bucket) {
            int diffs = 0;
            int at = -1;
            for (int i = 0; i < shapes.length; i++) {
                if (!t.fitsWord(i, shapes[i])) {
                    if (++diffs > 1) {
                        break;
                    }
                    at = i;
                }
            }
            if (diffs == 0) {
                int variables = t.parameterCount();
                if (variables < fitVariables) {
                    fit = t;
                    fitVariables = variables;
                }
            } else if (diffs == 1 && fit == null) {
                if (siblings == null) {
                    @SuppressWarnings("unchecked")
                    List<MinedTemplate>[] fresh = new List[shapes.length];
                    siblings = fresh;
                }
                if (siblings[at] == null) {
                    siblings[at] = new ArrayList<>(4);
                }
                siblings[at].add(t);
            }
        }
        if (fit != null) {
            return fit;
        }
        if (siblings != null) {
            int best = -1;
            for (int i = 0; i < siblings.length; i++) {
                if (siblings[i] != null && (best < 0 || siblings[i].size() > siblings[best].size())) {
                    best = i;
                }
            }
            boolean valueLike = valueLike(shapes[best], siblings[best], best);
            int needed = valueLike ? 2 : miner.minDistinctValues();
            if (siblings[best].size() + 1 >= needed && (valueLike || keepsConstants(siblings[best].get(0), best))) {
                return merge(bucket, siblings[best], shapes);
            }
        }
        if (live >= miner.maxTemplatesPerService()) {
            return joinClosest(bucket, shapes);
        }
        MinedTemplate created = miner.create(service, shapes.clone());
        bucket.add(created);
        all.add(created);
        live++;
        return created;
    }

    /**
     * Whether every word at {@code at} already holds a value or no letters at all ({@code (<*>)}
     * vs {@code ()}): then two shapes are enough evidence of a variable, as no constant word differs.
     */
    private static boolean valueLike(String shape, List<MinedTemplate> siblings, int at) {
        if (!isValueLike(shape)) {
            return false;
        }
        for (MinedTemplate t : siblings) {
            if (!isValueLike(t.words()[at])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValueLike(String word) {
        if (word.contains(MessageShape.VARIABLE)) {
            return true;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetterOrDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether making word {@code at} of {@code t} a variable leaves most of the template constant:
     * a template of mostly variables would swallow unrelated short messages ({@code normal},
     * {@code warning}; {@code onStandStepChanged <*>}, {@code Launching <*>}).
     */
    private static boolean keepsConstants(MinedTemplate t, int at) {
        byte[] kinds = t.kinds();
        int constants = 0;
        for (int i = 0; i < kinds.length; i++) {
            if (i != at && kinds[i] != 1) {
                constants++;
            }
        }
        return constants * 2 > kinds.length;
    }

    /** Merges the siblings and the message into the oldest sibling, then folds in every template the result covers. */
    private MinedTemplate merge(List<MinedTemplate> bucket, List<MinedTemplate> group, String[] shapes) {
        MinedTemplate survivor = group.get(0);
        for (MinedTemplate t : group) {
            if (t.sequence < survivor.sequence) {
                survivor = t;
            }
        }
        String[] words = shapes.clone();
        for (MinedTemplate t : group) {
            String[] tw = t.words();
            for (int i = 0; i < words.length; i++) {
                words[i] = WordPatterns.generalize(words[i], tw[i]);
            }
        }
        survivor.setWords(words);
        absorbCovered(bucket, survivor);
        return survivor;
    }

    /** Every other live template of the bucket that the survivor now covers resolves to it. */
    private void absorbCovered(List<MinedTemplate> bucket, MinedTemplate survivor) {
        String[] words = survivor.words();
        for (int k = bucket.size() - 1; k >= 0; k--) {
            MinedTemplate t = bucket.get(k);
            if (t == survivor) {
                continue;
            }
            String[] tw = t.words();
            boolean covered = true;
            for (int i = 0; i < words.length && covered; i++) {
                covered = survivor.fitsWord(i, tw[i]);
            }
            if (covered) {
                bucket.remove(k);
                t.mergeInto(survivor);
                survivor.mergedIds.add(t.id);
                survivor.mergedIds.addAll(t.mergedIds);
                live--;
            }
        }
        miner.changed();
    }

    private MinedTemplate joinClosest(List<MinedTemplate> bucket, String[] shapes) {
        MinedTemplate closest = null;
        int closestDiffs = Integer.MAX_VALUE;
        for (MinedTemplate t : bucket) {
            int diffs = 0;
            for (int i = 0; i < shapes.length; i++) {
                if (!t.fitsWord(i, shapes[i])) {
                    diffs++;
                }
            }
            if (diffs < closestDiffs) {
                closest = t;
                closestDiffs = diffs;
            }
        }
        if (closest == null) {
            if (overflow == null) {
                overflow = miner.create(service, new String[] {MessageShape.VARIABLE});
                all.add(overflow);
            }
            return overflow;
        }
        String[] words = closest.words().clone();
        for (int i = 0; i < words.length; i++) {
            words[i] = WordPatterns.generalize(words[i], shapes[i]);
        }
        closest.setWords(words);
        absorbCovered(bucket, closest);
        return closest;
    }

    /** Re-adds a template read back from disk. */
    void restore(MinedTemplate t, boolean isOverflow) {
        all.add(t);
        if (isOverflow) {
            overflow = t;
        } else if (t.isLive()) {
            byLength.computeIfAbsent(t.words().length, n -> new ArrayList<>()).add(t);
            live++;
        }
    }

    boolean isOverflow(MinedTemplate t) {
        return t == overflow;
    }

    List<MinedTemplate> all() {
        return all;
    }

    int liveCount() {
        return live;
    }
}
