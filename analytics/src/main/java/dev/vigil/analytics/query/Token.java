package dev.vigil.analytics.query;

/**
 * One lexical token of the pipeline part of a query.
 *
 * @param type     what it is
 * @param text     the word, the operator, or a string literal's value with escapes resolved
 * @param position 0-based offset of its first character in the whole query text
 * @param end      offset just past its last character
 * @param offsets  for {@link Type#STRING}: the query offset of each character of {@code text}
 *                 (so errors inside a pattern can point at the character); otherwise null
 */
record Token(Type type, String text, int position, int end, int[] offsets) {
    enum Type { WORD, STRING, SYMBOL, PIPE, END }

    boolean is(Type wanted, String value) {
        return type == wanted && text.equals(value);
    }

    boolean isSymbol(String value) {
        return is(Type.SYMBOL, value);
    }

    /** A keyword, matched case-insensitively ({@code BY}, {@code by}). */
    boolean isKeyword(String value) {
        return type == Type.WORD && text.equalsIgnoreCase(value);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (type) {
            case END -> "the end of the query";
            case PIPE -> "'|'";
            case STRING -> "the string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
