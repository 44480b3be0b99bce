package dev.vigil.ingest.elasticsearch;

import java.nio.charset.StandardCharsets;

/** Elasticsearch's rules for index names. Stateless. */
public final class IndexNames {
    private static final String FORBIDDEN = "\\/*?\"<>| ,#:";

    private IndexNames() {
    }

    /** What is wrong with {@code name} in Elasticsearch's words, or {@code null} when it is valid. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "must not be empty";
        }
        if (!name.toLowerCase(java.util.Locale.ROOT).equals(name)) {
            return "must be lowercase";
        }
        for (int i = 0; i < name.length(); i++) {
            if (FORBIDDEN.indexOf(name.charAt(i)) >= 0) {
                return "must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?, #, :]";
            }
        }
        char first = name.charAt(0);
        if (first == '_' || first == '-' || first == '+') {
            return "must not start with '_', '-', or '+'";
        }
        if (name.equals(".") || name.equals("..")) {
            return "must not be '.' or '..'";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            return "index name is too long, (" + name.getBytes(StandardCharsets.UTF_8).length + " > 255)";
        }
        return null;
    }
}
