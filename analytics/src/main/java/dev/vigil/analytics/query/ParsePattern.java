package dev.vigil.analytics.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.vigil.analytics.search.QuerySyntaxException;

/**
 * Compiles a {@code parse} pattern such as {@code "user=<user> took <ms>ms"} to a regular
 * expression: literal text matches itself, {@code <name>} captures the shortest text up to the
 * next literal (the rest of the value when it is last), {@code <_>} and {@code <*>} skip. A
 * {@code <} that does not start a capture is literal. The pattern may match anywhere in the value.
 */
record ParsePattern(Pattern regex, List<String> names) {

    static ParsePattern compile(Token pattern) {
        String text = pattern.text();
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean previousWasCapture = false;
        int i = 0;
        while (i < text.length()) {
            int close = captureEnd(text, i);
            if (close < 0) {
                literal.append(text.charAt(i));
                i++;
                continue;
            }
            String name = text.substring(i + 1, close);
            if (previousWasCapture && literal.isEmpty()) {
                throw error(pattern, i, "captures <" + name + "> and the one before it are not separated by literal text, so where one ends is unknown");
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            boolean last = close + 1 == text.length();
            boolean skip = name.equals("_") || name.equals("*");
            if (!skip && names.contains(name)) {
                throw error(pattern, i, "capture <" + name + "> appears twice");
            }
            regex.append(skip ? (last ? ".*" : ".*?") : (last ? "(.*)" : "(.*?)"));
            if (!skip) {
                names.add(name);
            }
            previousWasCapture = true;
            i = close + 1;
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        if (names.isEmpty()) {
            throw error(pattern, 0, "the pattern has no <name> capture; write e.g. \"user=<user> took <ms>ms\"");
        }
        return new ParsePattern(Pattern.compile(regex.toString(), Pattern.DOTALL), List.copyOf(names));
    }

    /** The index of the {@code >} closing a capture that opens at {@code i}, or -1. */
    private static int captureEnd(String text, int i) {
        if (text.charAt(i) != '<') {
            return -1;
        }
        int j = i + 1;
        if (j < text.length() && (text.charAt(j) == '_' || text.charAt(j) == '*') && j + 1 < text.length() && text.charAt(j + 1) == '>') {
            return j + 1;
        }
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '.')) {
            j++;
        }
        return j > i + 1 && j < text.length() && text.charAt(j) == '>' ? j : -1;
    }

    private static QuerySyntaxException error(Token pattern, int index, String message) {
        int[] offsets = pattern.offsets();
        int position = offsets == null || offsets.length == 0 ? pattern.position() : offsets[Math.min(index, offsets.length - 1)];
        return new QuerySyntaxException(message + " (at position " + position + ")", position);
    }
}
