package dev.vigil.analytics.patterns.loghub;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Loghub header format such as {@code <Date> <Time> <Level> <Component>: <Content>}: each
 * {@code <Field>} matches lazily, a run of spaces matches {@code \s+}, everything else is literal
 * except {@code (…)?}, which marks an optional part. Splits a raw line into its header and the
 * {@code Content} the miner parses. Immutable and thread-safe.
 */
public final class LogFormat {
    private final String format;
    private final Pattern pattern;
    private final List<String> fields;

    private LogFormat(String format, Pattern pattern, List<String> fields) {
        this.format = format;
        this.pattern = pattern;
        this.fields = fields;
    }

    /** Compiles a format; it must have a {@code <Content>} field. */
    public static LogFormat parse(String format) {
        List<String> fields = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        compile(format, 0, format.length(), regex, fields);
        regex.append('$');
        if (!fields.contains("Content")) {
            throw new IllegalArgumentException("log format '" + format + "' has no <Content> field");
        }
        return new LogFormat(format, Pattern.compile(regex.toString(), Pattern.DOTALL), List.copyOf(fields));
    }

    private static void compile(String f, int from, int to, StringBuilder regex, List<String> fields) {
        int i = from;
        while (i < to) {
            char c = f.charAt(i);
            if (c == '<') {
                int close = f.indexOf('>', i);
                if (close < 0 || close >= to) {
                    throw new IllegalArgumentException("log format '" + f + "': '<' at position " + i + " is not closed");
                }
                String name = f.substring(i + 1, close);
                if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("log format '" + f + "': bad field name '" + name + "'");
                }
                fields.add(name);
                regex.append("(?<").append(name).append(">.*?)");
                i = close + 1;
            } else if (c == ' ') {
                while (i < to && f.charAt(i) == ' ') {
                    i++;
                }
                regex.append("\\s+");
            } else if (c == '(') {
                int close = matchingParen(f, i, to);
                if (close >= 0 && close + 1 < to && f.charAt(close + 1) == '?') {
                    regex.append("(?:");
                    compile(f, i + 1, close, regex, fields);
                    regex.append(")?");
                    i = close + 2;
                } else {
                    regex.append("\\(");
                    i++;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
    }

    private static int matchingParen(String f, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = f.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The Content part of a line, or {@code null} when the line does not have this format. */
    public String content(String line) {
        Matcher m = pattern.matcher(line);
        return m.matches() ? m.group("Content") : null;
    }

    public List<String> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return format;
    }
}
