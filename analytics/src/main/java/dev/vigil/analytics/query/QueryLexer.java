package dev.vigil.analytics.query;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.analytics.search.QuerySyntaxException;

/**
 * Splits a query into its search part and the tokens of its pipeline. The search part ends at
 * the first {@code |} that is outside double quotes, not escaped with a backslash and not part
 * of Lucene's {@code ||}. Stateless and thread-safe.
 */
final class QueryLexer {
    private QueryLexer() {
    }

    /** The offset of the first pipeline {@code |}, or the text length when there is none. */
    static int searchEnd(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '|' && !quoted) {
                if (i + 1 < text.length() && text.charAt(i + 1) == '|') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return text.length();
    }

    /** Tokens of {@code text} from {@code start}, ending with an {@link Token.Type#END} token. */
    static List<Token> tokens(String text, int start) {
        List<Token> tokens = new ArrayList<>();
        int i = start;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                tokens.add(new Token(Token.Type.END, "", n, n, null));
                return tokens;
            }
            char c = text.charAt(i);
            if (c == '|') {
                tokens.add(new Token(Token.Type.PIPE, "|", i, i + 1, null));
                i++;
            } else if (c == '"' || c == '\'') {
                i = string(text, i, tokens);
            } else if (isWordStart(c)) {
                int begin = i;
                while (i < n && isWordPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Type.WORD, text.substring(begin, i), begin, i, null));
            } else {
                String two = i + 1 < n ? text.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")) {
                    tokens.add(new Token(Token.Type.SYMBOL, two.equals("==") ? "=" : two, i, i + 2, null));
                    i += 2;
                } else if ("(),=<>~-+*".indexOf(c) >= 0) {
                    tokens.add(new Token(Token.Type.SYMBOL, String.valueOf(c), i, i + 1, null));
                    i++;
                } else {
                    throw new QuerySyntaxException("unexpected character '" + c + "' at position " + i
                            + "; quote values that contain it, e.g. \"a" + c + "b\"", i);
                }
            }
        }
    }

    private static int string(String text, int begin, List<Token> tokens) {
        char quote = text.charAt(begin);
        StringBuilder value = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        int i = begin + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                int[] at = offsets.stream().mapToInt(Integer::intValue).toArray();
                tokens.add(new Token(Token.Type.STRING, value.toString(), begin, i + 1, at));
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                value.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
                offsets.add(i);
                i += 2;
            } else {
                value.append(c);
                offsets.add(i);
                i++;
            }
        }
        throw new QuerySyntaxException("unterminated string starting at position " + begin + ": add the closing " + quote, begin);
    }

    private static boolean isWordStart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '.';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c == '-' || c == '/' || c == ':';
    }
}
