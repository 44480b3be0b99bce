package dev.vigil.analytics.patterns;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a log message to its shape by replacing the parts that vary between occurrences (ids,
 * numbers, addresses, durations, quoted values) with {@code <*>}. Two messages of the same shape
 * give the same text. Stateless and thread-safe.
 */
public final class MessageMasker {
    private static final Pattern VARIABLE = Pattern.compile(String.join("|",
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",   // UUID
            "\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b",                                        // IPv4[:port]
            "\\b(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{12,}\\b",                                         // long hex ids
            "\"[^\"]*\"|'[^']*'",                                                                  // quoted values
            "(?<![A-Za-z0-9])[-+]?\\d+(?:[.,]\\d+)*(?:[a-zA-Z%]{1,3})?\\b"                          // numbers with units
    ));
    private static final Pattern REPEATED = Pattern.compile("(?:<\\*>[ ,:/=-]*){2,}");

    public String mask(String message) {
        String firstLine = message;
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            firstLine = message.substring(0, newline);
        }
        Matcher matcher = VARIABLE.matcher(firstLine);
        String masked = matcher.replaceAll("<*>");
        masked = REPEATED.matcher(masked).replaceAll(m -> m.group().endsWith(" ") ? "<*> " : "<*>");
        return masked.length() > 300 ? masked.substring(0, 300) : masked;
    }
}
