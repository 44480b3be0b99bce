package dev.vigil.analytics.patterns;

/**
 * One log template as people write it: the constant parts exactly as in the lines, each variable
 * part as {@code <*>}.
 *
 * @param id         stable id (survives restarts; ids merged into this one resolve to it)
 * @param text       the template text, e.g. {@code Accepted password for <*> from <*> port <*> ssh2}
 * @param parameters how many {@code <*>} the text has
 */
public record LogTemplate(String id, String text, int parameters) {
}
