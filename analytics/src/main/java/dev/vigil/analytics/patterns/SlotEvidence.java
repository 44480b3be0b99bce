package dev.vigil.analytics.patterns;

import java.util.List;
import java.util.Set;

/**
 * The evidence {@link ServiceTemplates} weighs before it makes a place in a template a variable:
 * whether the words seen there are values by form, name events (past participles, state names),
 * or are the object of a preposition, and whether a template would keep enough constants.
 * Stateless; pure functions of the words they are given.
 */
final class SlotEvidence {
    private SlotEvidence() {
    }

    /**
     * Whether the words at {@code at} are all past participles ({@code Started}, {@code Paused},
     * {@code Resumed}): such words say what happened, so each names its own event however many
     * there are, while values are rarely verbs.
     */
    static boolean namesEvents(String shape, List<MinedTemplate> siblings, int at) {
        if (!isParticiple(shape)) {
            return false;
        }
        for (MinedTemplate t : siblings) {
            if (!isParticiple(t.words()[at])) {
                return false;
            }
        }
        return true;
    }

    /** An upper-case constant name ({@code NEW}, {@code FAIL_TASK_CLEANUP}), as enums print. */
    static boolean isStateName(String word) {
        int letters = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                letters++;
            } else if (c != '_' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return letters >= 2;
    }

    /** A word of letters only, ending in {@code ed}, long enough to be a verb form. */
    private static boolean isParticiple(String word) {
        int n = word.length();
        if (n < 5 || word.charAt(n - 2) != 'e' || word.charAt(n - 1) != 'd') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!Character.isLetter(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> PREPOSITIONS = Set.of(
            "for", "from", "to", "by", "at", "on", "with", "of", "in", "into", "as", "via");

    /**
     * Whether word {@code at} is the object of a preposition ({@code from X}), directly or after one
     * noun ({@code for user X}), and every word seen there is a plain lower-case name: an argument
     * is what a message is about, so three different names there are enough to call it a variable.
     * Names with a number ({@code ee0}, {@code alt0}) are device or component names, kept constant
     * as everywhere else.
     */
    static boolean isArgumentSlot(String[] words, String shape, List<MinedTemplate> siblings, int at) {
        boolean direct = at >= 1 && PREPOSITIONS.contains(words[at - 1]);
        boolean afterNoun = at >= 2 && PREPOSITIONS.contains(words[at - 2]) && isPlainName(words[at - 1]);
        if (!(direct || afterNoun) || !isPlainName(shape)) {
            return false;
        }
        for (MinedTemplate t : siblings) {
            if (!isPlainName(t.words()[at])) {
                return false;
            }
        }
        return true;
    }

    /** Lower-case letters only (a user, a host, a queue name), not a verb form. */
    private static boolean isPlainName(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return !isParticiple(word);
    }

    /**
     * Whether every word at {@code at} already holds a value or no letters at all ({@code (<*>)}
     * vs {@code ()}): then two shapes are enough evidence of a variable, as no constant word differs.
     */
    static boolean valueLike(String shape, List<MinedTemplate> siblings, int at) {
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
    static boolean valuePair(String a, String b) {
        if (isValueLike(a) && isValueLike(b)) {
            return true;
        }
        return (isValueLike(a) || hasDigit(a)) && (isValueLike(b) || hasDigit(b))
                && (a.contains(MessageShape.VARIABLE) || b.contains(MessageShape.VARIABLE));
    }

    private static boolean hasLetter(String word, int end) {
        for (int i = 0; i < end; i++) {
            if (Character.isLetter(word.charAt(i))) {
                return true;
            }
        }
        return false;
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
            // "LOGIN(uid=<*>)", "(uid=<*>)": a word led by a constant name is that name with a value
            // attached, and two such words with different names are different things
            for (String part : MessageShape.quantityParts(word)) {
                if (!MessageShape.isDelimiterPart(part)) {
                    int value = part.indexOf(MessageShape.VARIABLE);
                    return value >= 0 && !hasLetter(part, value);
                }
            }
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
    static boolean keepsConstants(MinedTemplate t, int at) {
        byte[] kinds = t.kinds();
        int constants = 0;
        for (int i = 0; i < kinds.length; i++) {
            if (i != at && kinds[i] != 1) {
                constants++;
            }
        }
        return constants * 2 > kinds.length;
    }

    /**
     * Whether generalising a quantity with its unit ({@code <*> B,}) gave a word without one
     * ({@code <*>,}): the unit varies, so the logger scales its quantities to a readable unit
     * ({@code 384.0 B}, {@code 12.5 KB}), and in such a message every unit is part of its value.
     */
    static boolean unitDropped(String before, String after) {
        return before.indexOf(' ') >= 0 && before.contains(MessageShape.VARIABLE) && after.indexOf(' ') < 0;
    }
}
