package dev.vigil.analytics.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *       value). Three suffice for plain lower-case names that are the object of a preposition,
 *       directly or after one noun ({@code for user cyrus} / {@code news} / {@code test}). Past
 *       participles ({@code Started}, {@code Paused}) are never merged this way: each names an event.
 *       The first word is never made a variable this way: it names the event
 *       ({@code boot (command <*>)}, {@code halt (command <*>)}). After a merge, templates that now
 *       differ from the result only in a value at one place join it too; when a quantity's unit
 *       varied, every unit of the template becomes part of its value ({@code size <*>, free <*>}).</li>
 *   <li>Else, when {@code minDistinctValues} templates and the message differ from each other only at
 *       the same two places (not the first word; not upper-case state names such as
 *       {@code from NEW to RUNNING}), both places are variables: the two words change together.</li>
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
        Map<Integer, List<MinedTemplate>> pairs = null;
        for (MinedTemplate t : bucket) {
            int diffs = 0;
            int at = -1;
            int first = -1;
            for (int i = 0; i < shapes.length; i++) {
                if (!t.fitsWord(i, shapes[i])) {
                    if (++diffs > 2) {
                        break;
                    }
                    first = at;
                    at = i;
                }
            }
            if (diffs == 2 && fit == null && siblings == null) {
                if (pairs == null) {
                    pairs = new HashMap<>();
                }
                pairs.computeIfAbsent(first * shapes.length + at, k -> new ArrayList<>(4)).add(t);
                continue;
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
            boolean valueLike = SlotEvidence.valueLike(shapes[best], siblings[best], best);
            int needed = valueLike ? 2
                    : SlotEvidence.namesEvents(shapes[best], siblings[best], best) ? Integer.MAX_VALUE
                    : SlotEvidence.isArgumentSlot(siblings[best].get(0).words(), shapes[best], siblings[best], best)
                            ? miner.minDistinctValues() - 1 : miner.minDistinctValues();
            // The first word names the event ("boot (command 12)", "cupsd startup succeeded"): a word
            // there becomes a variable only when it holds a value by its form.
            if (siblings[best].size() + 1 >= needed && (valueLike || (best > 0 && SlotEvidence.keepsConstants(siblings[best].get(0), best)))) {
                return merge(bucket, siblings[best], shapes);
            }
        }
        if (siblings == null && pairs != null) {
            MinedTemplate merged = mergePair(bucket, pairs, shapes);
            if (merged != null) {
                return merged;
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
     * Two words that change together ({@code Registering class a.B for class a.C}): when
     * {@code minDistinctValues} shapes differ from each other only at the same two places, neither
     * the first word, both places are variables, as long as most of the template stays constant.
     * Returns the merged template, or null.
     */
    private MinedTemplate mergePair(List<MinedTemplate> bucket, Map<Integer, List<MinedTemplate>> pairs, String[] shapes) {
        List<MinedTemplate> best = null;
        int bestKey = -1;
        for (Map.Entry<Integer, List<MinedTemplate>> e : pairs.entrySet()) {
            if (best == null || e.getValue().size() > best.size()) {
                best = e.getValue();
                bestKey = e.getKey();
            }
        }
        int a = bestKey / shapes.length;
        int b = bestKey % shapes.length;
        if (best.size() + 1 < miner.minDistinctValues() || a == 0 || (shapes.length - 2) * 2 <= shapes.length) {
            return null;
        }
        if (SlotEvidence.namesEvents(shapes[a], best, a) || SlotEvidence.namesEvents(shapes[b], best, b)) {
            return null;
        }
        // every template of the group must differ from every other at both places, not just from the message
        Set<String> seenA = new HashSet<>();
        Set<String> seenB = new HashSet<>();
        seenA.add(shapes[a]);
        seenB.add(shapes[b]);
        for (MinedTemplate t : best) {
            if (!seenA.add(t.words()[a]) || !seenB.add(t.words()[b])) {
                return null;
            }
        }
        for (String word : seenA) {
            if (SlotEvidence.isStateName(word)) {
                // "from NEW to UNASSIGNED": states of a state machine, each transition its own event
                return null;
            }
        }
        return merge(bucket, best, shapes);
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
        for (int i = 0; i < words.length; i++) {
            if (SlotEvidence.unitDropped(shapes[i], words[i])) {
                words = WordPatterns.withoutUnits(words);
                break;
            }
            for (MinedTemplate t : group) {
                if (SlotEvidence.unitDropped(t.words()[i], words[i])) {
                    words = WordPatterns.withoutUnits(words);
                    i = words.length;
                    break;
                }
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
                if (diffs == 1 && SlotEvidence.valuePair(words[at], tw[at])) {
                    String[] widened = words.clone();
                    widened[at] = WordPatterns.generalize(words[at], tw[at]);
                    if (SlotEvidence.unitDropped(words[at], widened[at]) || SlotEvidence.unitDropped(tw[at], widened[at])) {
                        widened = WordPatterns.withoutUnits(widened);
                    }
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
