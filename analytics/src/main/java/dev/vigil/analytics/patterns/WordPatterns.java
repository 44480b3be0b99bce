package dev.vigil.analytics.patterns;

import java.util.List;

/**
 * Operations on one word of a template: a constant, {@code <*>}, or a word whose parts are partly
 * {@code <*>} ({@code <*>:<*>}, {@code uid=<*>}). Parts are those of {@link MessageShape#parts}.
 * Stateless.
 */
final class WordPatterns {
    private WordPatterns() {
    }

    static boolean isVariable(String pattern) {
        return pattern.equals(MessageShape.VARIABLE);
    }

    /** Whether a word whose shape is {@code shape} fits the template word {@code pattern}. */
    static boolean matches(String pattern, String shape) {
        if (pattern.equals(shape) || isVariable(pattern)) {
            return true;
        }
        if (!pattern.contains(MessageShape.VARIABLE)) {
            return false;
        }
        List<String> p = MessageShape.parts(pattern);
        List<String> s = MessageShape.parts(shape);
        if (p.size() != s.size() && hasQuantity(pattern, shape)) {
            p = MessageShape.quantityParts(pattern);
            s = MessageShape.quantityParts(shape);
        }
        if (p.size() != s.size()) {
            return false;
        }
        for (int i = 0; i < p.size(); i++) {
            String pp = p.get(i);
            if (!pp.equals(s.get(i)) && !isVariable(pp)) {
                return false;
            }
            if (isVariable(pp) && MessageShape.isDelimiterPart(s.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The most specific template word both words fit: parts that differ become {@code <*>} when
     * the words have the same punctuation structure, else the whole word is {@code <*>}.
     */
    static String generalize(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        if (isVariable(a) || isVariable(b)) {
            return MessageShape.VARIABLE;
        }
        List<String> pa = MessageShape.parts(a);
        List<String> pb = MessageShape.parts(b);
        if (pa.size() != pb.size() && hasQuantity(a, b)) {
            pa = MessageShape.quantityParts(a);
            pb = MessageShape.quantityParts(b);
        }
        if (pa.size() != pb.size()) {
            return MessageShape.VARIABLE;
        }
        StringBuilder out = new StringBuilder(a.length());
        boolean anyConstant = false;
        for (int i = 0; i < pa.size(); i++) {
            String x = pa.get(i);
            String y = pb.get(i);
            boolean xd = MessageShape.isDelimiterPart(x);
            boolean yd = MessageShape.isDelimiterPart(y);
            if (xd || yd) {
                if (!x.equals(y)) {
                    return MessageShape.VARIABLE;
                }
                out.append(x);
            } else if (x.equals(y) && !isVariable(x)) {
                out.append(x);
                anyConstant = true;
            } else {
                out.append(MessageShape.VARIABLE);
            }
        }
        String result = out.toString();
        // A word of only values and brackets, e.g. "[<*>]", stays as written; all-variable words collapse.
        // "<*> KB," and "<*> MB,": a quantity whose unit varies is one value, "<*>,"
        String twoValues = MessageShape.VARIABLE + " " + MessageShape.VARIABLE;
        while (result.contains(twoValues)) {
            result = result.replace(twoValues, MessageShape.VARIABLE);
        }
        return anyConstant || result.length() > MessageShape.VARIABLE.length() ? result : MessageShape.VARIABLE;
    }

    /**
     * Appends the values of {@code word} at the template word's variables, literal values included
     * (they are {@code <*>} in the shown text, see {@link #display}); the word must match it.
     */
    static void extract(String pattern, String word, List<String> out) {
        if (isVariable(pattern)) {
            out.add(word);
            return;
        }
        if (!pattern.contains(MessageShape.VARIABLE)) {
            addLiterals(pattern, out);
            return;
        }
        List<String> p = MessageShape.parts(pattern);
        List<String> w = MessageShape.parts(word);
        if (p.size() != w.size() && hasQuantity(pattern, word)) {
            p = MessageShape.quantityParts(pattern);
            w = MessageShape.quantityParts(word);
        }
        if (p.size() != w.size()) {
            out.add(word);
            return;
        }
        for (int i = 0; i < p.size(); i++) {
            if (isVariable(p.get(i))) {
                out.add(w.get(i));
            } else {
                addLiterals(p.get(i), out);
            }
        }
    }

    /**
     * The word as people write it in a template: literal values ({@code true}, {@code root}, …, see
     * {@link MessageShape#isLiteralValue}) become {@code <*>}. The same instance when it has none.
     */
    static String display(String pattern) {
        StringBuilder out = null;
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            if (!isWordChar(pattern.charAt(i))) {
                if (out != null) {
                    out.append(pattern.charAt(i));
                }
                i++;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(pattern.charAt(i))) {
                i++;
            }
            boolean literal = MessageShape.isLiteralValue(pattern, start, i);
            if (literal && out == null) {
                out = new StringBuilder(n + 4).append(pattern, 0, start);
            }
            if (out != null) {
                if (literal) {
                    out.append(MessageShape.VARIABLE);
                } else {
                    out.append(pattern, start, i);
                }
            }
        }
        return out == null ? pattern : out.toString();
    }

    private static void addLiterals(String constant, List<String> out) {
        int n = constant.length();
        int i = 0;
        while (i < n) {
            if (!isWordChar(constant.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(constant.charAt(i))) {
                i++;
            }
            if (MessageShape.isLiteralValue(constant, start, i)) {
                out.add(constant.substring(start, i));
            }
        }
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '<' || c == '>' || c == '*';
    }

    /** Whether either word holds a value with its unit ({@code <*> KB}) or a request target with its protocol: words have no other spaces. */
    private static boolean hasQuantity(String a, String b) {
        return a.indexOf(' ') >= 0 || b.indexOf(' ') >= 0;
    }

    /**
     * The words with every quantity's unit folded into its value ({@code <*> KB)} becomes
     * {@code <*>)}); words with anything else after a space are kept. A new array when any changed.
     */
    static String[] withoutUnits(String[] words) {
        String[] out = words;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            int space = w.indexOf(' ');
            if (space < 0 || w.indexOf(' ', space + 1) >= 0 || !w.startsWith(MessageShape.VARIABLE, space - MessageShape.VARIABLE.length())) {
                continue;
            }
            int end = space + 1;
            while (end < w.length() && Character.isLetter(w.charAt(end))) {
                end++;
            }
            if (out == words) {
                out = words.clone();
            }
            out[i] = w.substring(0, space) + w.substring(end);
        }
        return out;
    }

    /** How many {@code <*>} a template word holds. */
    static int variables(String pattern) {
        int count = 0;
        int from = 0;
        while ((from = pattern.indexOf(MessageShape.VARIABLE, from)) >= 0) {
            count++;
            from += MessageShape.VARIABLE.length();
        }
        return count;
    }
}
