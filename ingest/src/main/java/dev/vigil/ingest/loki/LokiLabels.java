package dev.vigil.ingest.loki;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the label string of a protobuf stream, Prometheus selector style:
 * {@code {app="api", env="prod"}}. Values are quoted with {@code "}, {@code '} (both with Go
 * escapes: {@code \\ \" \' \n \r \t \a \b \f \v \xHH \\uHHHH \UHHHHHHHH}; {@code \xHH} only for
 * ASCII) or backticks (raw). Only {@code =} is allowed (this is a stream, not a query); label names
 * match {@code [a-zA-Z_][a-zA-Z0-9_]*}; a name may appear once; a trailing comma is tolerated.
 */
public final class LokiLabels {
    private LokiLabels() {
    }

    /** A label string that cannot be parsed; the message names the 0-based character position. */
    public static final class LabelSyntaxException extends IllegalArgumentException {
        private final int position;

        LabelSyntaxException(int position, String message) {
            super(message + " at character " + position);
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    /** True for a valid label name, {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    public static boolean validName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the labels in the order written, unmodifiable
     * @throws LabelSyntaxException naming the position of the first problem
     */
    public static Map<String, String> parse(String text) {
        Parser parser = new Parser(text);
        return Collections.unmodifiableMap(parser.labels());
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s == null ? "" : s;
        }

        Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != '{') {
                throw new LabelSyntaxException(pos, s.isBlank() ? "label string is empty; expected {name=\"value\", ...}"
                        : "expected '{' to start the label set");
            }
            pos++;
            while (true) {
                skipSpace();
                if (pos >= s.length()) {
                    throw new LabelSyntaxException(pos, "label set is not closed with '}'");
                }
                if (s.charAt(pos) == '}') {
                    pos++;
                    break;
                }
                int nameStart = pos;
                String name = name();
                skipSpace();
                if (pos >= s.length()) {
                    throw new LabelSyntaxException(pos, "expected '=' after label name '" + name + "'");
                }
                char op = s.charAt(pos);
                if (op == '!' || (op == '=' && pos + 1 < s.length() && s.charAt(pos + 1) == '~')) {
                    throw new LabelSyntaxException(pos, "only '=' is allowed in stream labels, not a query matcher");
                }
                if (op != '=') {
                    throw new LabelSyntaxException(pos, "expected '=' after label name '" + name + "'");
                }
                pos++;
                skipSpace();
                String value = value();
                if (labels.putIfAbsent(name, value) != null) {
                    throw new LabelSyntaxException(nameStart, "duplicate label name '" + name + "'");
                }
                skipSpace();
                if (pos >= s.length()) {
                    throw new LabelSyntaxException(pos, "label set is not closed with '}'");
                }
                char c = s.charAt(pos);
                if (c == ',') {
                    pos++;
                } else if (c != '}') {
                    throw new LabelSyntaxException(pos, "expected ',' or '}' after the value of '" + name + "'");
                }
            }
            skipSpace();
            if (pos != s.length()) {
                throw new LabelSyntaxException(pos, "unexpected text after '}'");
            }
            return labels;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private String name() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (pos > start && c >= '0' && c <= '9');
                if (!ok) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw new LabelSyntaxException(pos, "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
            return s.substring(start, pos);
        }

        private String value() {
            if (pos >= s.length()) {
                throw new LabelSyntaxException(pos, "expected a quoted label value");
            }
            char quote = s.charAt(pos);
            if (quote != '"' && quote != '\'' && quote != '`') {
                throw new LabelSyntaxException(pos, "expected a quoted label value");
            }
            int open = pos;
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw new LabelSyntaxException(open, "label value is not closed with " + quote);
                }
                char c = s.charAt(pos);
                if (c == quote) {
                    pos++;
                    return out.toString();
                }
                if (c == '\\' && quote != '`') {
                    escape(out);
                } else {
                    out.append(c);
                    pos++;
                }
            }
        }

        private void escape(StringBuilder out) {
            int at = pos;
            if (pos + 1 >= s.length()) {
                throw new LabelSyntaxException(at, "escape sequence at the end of the label string");
            }
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case '\'' -> out.append('\'');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'x' -> {
                    int code = hex(at, 2);
                    if (code >= 0x80) {
                        throw new LabelSyntaxException(at, "\\x escapes above 7f would not be valid UTF-8; use \\u");
                    }
                    out.append((char) code);
                }
                case 'u' -> appendCodePoint(out, at, hex(at, 4));
                case 'U' -> appendCodePoint(out, at, hex(at, 8));
                default -> throw new LabelSyntaxException(at, "unknown escape sequence \\" + e);
            }
        }

        private void appendCodePoint(StringBuilder out, int at, int code) {
            if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
                throw new LabelSyntaxException(at, "escape is not a valid Unicode code point");
            }
            out.appendCodePoint(code);
        }

        private int hex(int at, int digits) {
            if (pos + digits > s.length()) {
                throw new LabelSyntaxException(at, "escape needs " + digits + " hex digits");
            }
            long value = 0;
            for (int i = 0; i < digits; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0) {
                    throw new LabelSyntaxException(at, "escape needs " + digits + " hex digits");
                }
                value = value * 16 + d;
            }
            pos += digits;
            return value > Integer.MAX_VALUE ? -1 : (int) value;
        }
    }
}
