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
 *       {@code minDistinctValues} (default 4) different words there, that word is a variable: they
 *       merge into the oldest sibling, whose id the others now resolve to. Fewer distinct words stay
 *       separate templates, because a few alternatives in one place are usually constants
 *       ({@code HTTPS} / {@code SOCKS5}, {@code interface ee0} / {@code alt0}, {@code VM Paused} /
 *       {@code Resumed}), while real variables show many values quickly. Two words suffice when
 *       they are values by form ({@code 00:17} / {@code <1 sec}; a name with a number beside a
 *       value). The first word is never made a variable this way: it names the event
 *       ({@code boot (command <*>)}, {@code halt (command <*>)}). After a merge, templates that now
 *       differ from the result only in a value at one place join it too.</li>
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
            // The first word names the event ("boot (command 12)", "cupsd startup succeeded"): a word
            // there becomes a variable only when it holds a value by its form.
            if (siblings[best].size() + 1 >= needed && (valueLike || (best > 0 && keepsConstants(siblings[best].get(0), best)))) {
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
        boolean anyValue = shape.contains(MessageShape.VARIABLE);
        boolean allValueLike = isValueLike(shape);
        if (!allValueLike && !hasDigit(shape)) {
            return false;
        }
        for (MinedTemplate t : siblings) {
            String word = t.words()[at];
            boolean valueLike = isValueLike(word);
            if (!valueLike && !hasDigit(word)) {
                return false;
            }
            anyValue |= word.contains(MessageShape.VARIABLE);
            allValueLike &= valueLike;
        }
        // names with numbers ("ee0", "alt0") count only next to a real value (see valuePair)
        return allValueLike || anyValue;
    }

    /**
     * Whether two words at one place are both values: value-like ones, or a name with a short
     * number ({@code storage234}, kept by its form) next to a value ({@code storage1412} is
     * {@code <*>}): the number makes it the same value. Two names with numbers and no value
     * ({@code ee0}, {@code alt0}) are not.
     */
    private static boolean valuePair(String a, String b) {
        if (isValueLike(a) && isValueLike(b)) {
            return true;
        }
        return (isValueLike(a) || hasDigit(a)) && (isValueLike(b) || hasDigit(b))
                && (a.contains(MessageShape.VARIABLE) || b.contains(MessageShape.VARIABLE));
    }

    private static boolean hasDigit(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean isValueLike(String word) {
        if (word.contains(MessageShape.VARIABLE)) {
            return true;
        }
        // only brackets, quotes and separators ("()", "[]"): an empty value; "****" is a marker, not a value
        for (int i = 0; i < word.length(); i++) {
            if (!MessageShape.isPartDelimiter(word.charAt(i))) {
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

    /**
     * Every other live template of the bucket that the survivor now covers resolves to it, and so
     * does one that differs from it only in a value at one place ({@code size <*> B} once
     * {@code Block <*> … size <*> KB} has generalised its other word): it is the same template,
     * split only because two of its words first differed together.
     */
    private void absorbCovered(List<MinedTemplate> bucket, MinedTemplate survivor) {
        boolean again = true;
        while (again) {
            again = false;
            String[] words = survivor.words();
            for (int k = bucket.size() - 1; k >= 0; k--) {
                MinedTemplate t = bucket.get(k);
                if (t == survivor) {
                    continue;
                }
                String[] tw = t.words();
                int at = -1;
                int diffs = 0;
                for (int i = 0; i < words.length && diffs <= 1; i++) {
                    if (!survivor.fitsWord(i, tw[i])) {
                        diffs++;
                        at = i;
                    }
                }
                if (diffs == 1 && valuePair(words[at], tw[at])) {
                    String[] widened = words.clone();
                    widened[at] = WordPatterns.generalize(words[at], tw[at]);
                    survivor.setWords(widened);
                    again = true;
                } else if (diffs != 0) {
                    continue;
                }
                bucket.remove(k);
                t.mergeInto(survivor);
                survivor.mergedIds.add(t.id);
                survivor.mergedIds.addAll(t.mergedIds);
                live--;
                if (again) {
                    break;
                }
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
