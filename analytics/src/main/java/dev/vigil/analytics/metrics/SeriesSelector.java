package dev.vigil.analytics.metrics;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.ingest.metrics.LabelMatcher;

/**
 * A PromQL-style series selector: {@code name}, {@code name{a="x",b!="y",c=~"re.*",d!~"z"}} or
 * {@code {__name__="name",...}}.
 *
 * @param name     the metric name, or null when only matchers select
 * @param matchers label matchers, all of which must hold
 */
public record SeriesSelector(String name, List<LabelMatcher> matchers) {

    public SeriesSelector {
        matchers = List.copyOf(matchers);
        if (name == null && matchers.isEmpty()) {
            throw new IllegalArgumentException("a selector needs a metric name or at least one label matcher");
        }
    }

    /** @throws IllegalArgumentException with the position of the problem */
    public static SeriesSelector parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("query is required, e.g. http_requests_total{service=\"checkout\"}");
        }
        String s = text.trim();
        int i = 0;
        while (i < s.length() && isNameChar(s.charAt(i), i == 0)) {
            i++;
        }
        String name = i == 0 ? null : s.substring(0, i);
        List<LabelMatcher> matchers = new ArrayList<>();
        if (i < s.length()) {
            if (s.charAt(i) != '{' || !s.endsWith("}")) {
                throw new IllegalArgumentException("invalid selector at position " + i + ": expected '{' after the metric name and a closing '}'");
            }
            int pos = i + 1;
            int end = s.length() - 1;
            while (pos < end) {
                pos = skipSpaces(s, pos);
                if (pos >= end) {
                    break;
                }
                int labelStart = pos;
                while (pos < end && isNameChar(s.charAt(pos), pos == labelStart)) {
                    pos++;
                }
                if (pos == labelStart) {
                    throw new IllegalArgumentException("invalid selector at position " + pos + ": expected a label name");
                }
                String label = s.substring(labelStart, pos);
                pos = skipSpaces(s, pos);
                LabelMatcher.Op op;
                if (s.startsWith("=~", pos)) {
                    op = LabelMatcher.Op.RE;
                    pos += 2;
                } else if (s.startsWith("!~", pos)) {
                    op = LabelMatcher.Op.NRE;
                    pos += 2;
                } else if (s.startsWith("!=", pos)) {
                    op = LabelMatcher.Op.NEQ;
                    pos += 2;
                } else if (s.startsWith("=", pos)) {
                    op = LabelMatcher.Op.EQ;
                    pos += 1;
                } else {
                    throw new IllegalArgumentException("invalid selector at position " + pos + ": expected =, !=, =~ or !~ after label " + label);
                }
                pos = skipSpaces(s, pos);
                if (pos >= end || (s.charAt(pos) != '"' && s.charAt(pos) != '\'')) {
                    throw new IllegalArgumentException("invalid selector at position " + pos + ": expected a quoted value for label " + label);
                }
                char quote = s.charAt(pos++);
                StringBuilder value = new StringBuilder();
                while (pos < end && s.charAt(pos) != quote) {
                    char c = s.charAt(pos++);
                    if (c == '\\' && pos < end) {
                        char escaped = s.charAt(pos++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                if (pos >= end) {
                    throw new IllegalArgumentException("invalid selector at position " + pos + ": unterminated value for label " + label);
                }
                pos++;
                if (label.equals("__name__") && op == LabelMatcher.Op.EQ && name == null) {
                    name = value.toString();
                } else {
                    matchers.add(LabelMatcher.of(label, op, value.toString()));
                }
                pos = skipSpaces(s, pos);
                if (pos < end && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < end) {
                    throw new IllegalArgumentException("invalid selector at position " + pos + ": expected ',' or '}'");
                }
            }
        }
        return new SeriesSelector(name, matchers);
    }

    private static int skipSpaces(String s, int pos) {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }
}
