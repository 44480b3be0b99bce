package dev.vigil.analytics.patterns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One message split into words (runs of non-whitespace) and each word's shape: the word with the
 * parts that are values by their form alone replaced by {@code <*>}. Immutable.
 *
 * <p>A word is cut into <em>parts</em> at structural punctuation ({@code , ! ; : = | " ' [ ] ( ) { }}),
 * so that {@code uid=0}, {@code host:8080} and {@code (pid 12)} keep their keys and brackets as
 * constants. A part is a value when it is a path ({@code /a/b}), a day or month name, or when one of its pieces (cut further at {@code . - + @ # $ % & _ /})
 * looks numeric: it starts with a digit, holds a run of four or more digits, or is eight or more hex
 * digits. Words such as {@code ssh2}, {@code L1} or {@code jk2_init} stay constant: a short
 * number inside a name is part of the name. The whole part becomes {@code <*>} (not just its
 * digits), because a value glued to letters ({@code blk_-1234}, {@code attempt_12_0001}) is one
 * value.
 *
 * <p>A number followed by a unit word ({@code 5.2 KB}, {@code <1 sec}, {@code 4552 bytes (4.44 KB)})
 * is one word whose shape keeps the unit ({@code <*> KB}), so a message keeps its number of words
 * whatever the size or duration. Likewise a request's target and protocol ({@code "GET /a HTTP/1.1"})
 * are one word shaped {@code <*>"}. These are the only words with a space inside. A name of two or more
 * dash-joined labels numbered at the end ({@code msra-sa-41}, {@code mesos-slave-07}) is one value;
 * {@code node-129} keeps its single label. The literal values
 * {@code true false null root admin} stay constant here: they are shown as {@code <*>} only in the
 * template text ({@link WordPatterns#display}).
 *
 * <p>The same rules decide every system's lines: there is nothing per source.
 */
final class MessageShape {
    static final String VARIABLE = "<*>";
    private static final String[] NO_WORDS = new String[0];

    final String[] words;
    final String[] shapes;

    private MessageShape(String[] words, String[] shapes) {
        this.words = words;
        this.shapes = shapes;
    }

    /** The shape of a message's first line. */
    static MessageShape of(String message) {
        int end = message.indexOf('\n');
        if (end < 0) {
            end = message.length();
        }
        String[] words = new String[16];
        String[] shapes = new String[16];
        int count = 0;
        int i = 0;
        while (i < end) {
            while (i < end && isSpace(message.charAt(i))) {
                i++;
            }
            if (i >= end) {
                break;
            }
            int start = i;
            while (i < end && !isSpace(message.charAt(i))) {
                i++;
            }
            if (count == words.length) {
                words = Arrays.copyOf(words, count * 2);
                shapes = Arrays.copyOf(shapes, count * 2);
            }
            String word = message.substring(start, i);
            String shape = shapeOfWord(word);
            if (count > 0 && isUnitAfterValue(shapes[count - 1], word)) {
                // "5.2 KB", "<1 sec": a quantity and its unit are one word, so that "lifetime 00:01"
                // and "lifetime <1 sec" have as many words; the unit stays constant text
                words[count - 1] = words[count - 1] + ' ' + word;
                shapes[count - 1] = shapes[count - 1] + ' ' + word;
                if (count > 1 && isBracketedQuantity(shapes[count - 1]) && isQuantity(shapes[count - 2])) {
                    // "4552 bytes (4.44 KB)": the same quantity restated in brackets is part of it
                    words[count - 2] = words[count - 2] + ' ' + words[count - 1];
                    shapes[count - 2] = shapes[count - 2] + ' ' + shapes[count - 1];
                    count--;
                }
                continue;
            }
            int protocol = count > 1 ? protocolLength(word) : 0;
            if (protocol > 0 && endsWithMethod(shapes[count - 2])) {
                // "GET /a/b HTTP/1.1": a request's target and protocol are one value, so the
                // template reads "GET <*>" whatever the target and version
                words[count - 1] = words[count - 1] + ' ' + word;
                shapes[count - 1] = VARIABLE + word.substring(protocol);
                continue;
            }
            words[count] = word;
            shapes[count] = shape;
            count++;
        }
        if (count == 0) {
            return new MessageShape(NO_WORDS, NO_WORDS);
        }
        return new MessageShape(Arrays.copyOf(words, count), Arrays.copyOf(shapes, count));
    }

    /** Units of size and time written as a separate word after a number. */
    private static final java.util.Set<String> UNITS = java.util.Set.of("B", "KB", "MB", "GB", "TB", "kB", "KiB", "MiB",
            "GiB", "TiB", "bytes", "ns", "us", "µs", "ms", "s", "sec", "secs", "min", "mins");

    /** Whether {@code word} is a unit (perhaps followed by punctuation) right after a value. */
    private static boolean isUnitAfterValue(String previousShape, String word) {
        if (!previousShape.endsWith(VARIABLE)) {
            return false;
        }
        int len = unitLength(word);
        return len > 0 && UNITS.contains(word.substring(0, len));
    }

    /**
     * The length of a protocol and version ({@code HTTP/1.1}, {@code RTSP/1.0}: two or more
     * capitals, a slash, a version) at the start of {@code word} when only punctuation follows, else 0.
     */
    static int protocolLength(String word) {
        int n = word.length();
        int i = 0;
        while (i < n && word.charAt(i) >= 'A' && word.charAt(i) <= 'Z') {
            i++;
        }
        if (i < 2 || i >= n || word.charAt(i) != '/') {
            return 0;
        }
        int versionStart = ++i;
        while (i < n && ((word.charAt(i) >= '0' && word.charAt(i) <= '9') || (word.charAt(i) == '.' && i > versionStart))) {
            i++;
        }
        if (i == versionStart || word.charAt(i - 1) == '.') {
            return 0;
        }
        for (int k = i; k < n; k++) {
            if (!isPartDelimiter(word.charAt(k))) {
                return 0;
            }
        }
        return i;
    }

    /** Whether a shape ends with a request method: a word of three or more capitals ({@code "GET}, {@code POST}). */
    private static boolean endsWithMethod(String shape) {
        int n = shape.length();
        int i = n;
        while (i > 0 && shape.charAt(i - 1) >= 'A' && shape.charAt(i - 1) <= 'Z') {
            i--;
        }
        return n - i >= 3 && (i == 0 || isPartDelimiter(shape.charAt(i - 1)));
    }

    /** {@code (<*> KB)}: a quantity with its unit in brackets, perhaps followed by punctuation. */
    private static boolean isBracketedQuantity(String shape) {
        int close = shape.lastIndexOf(')');
        return shape.startsWith("(" + VARIABLE + " ") && close > 0 && shape.indexOf(' ', VARIABLE.length() + 2) < 0
                && close == shape.length() - 1;
    }

    /** A value with its unit, e.g. {@code <*> bytes}. */
    private static boolean isQuantity(String shape) {
        int space = shape.indexOf(' ');
        return space > 0 && shape.startsWith(VARIABLE) && space == VARIABLE.length() && shape.indexOf(' ', space + 1) < 0;
    }

    private static int unitLength(String word) {
        int i = 0;
        while (i < word.length() && Character.isLetter(word.charAt(i))) {
            i++;
        }
        for (int k = i; k < word.length(); k++) {
            if (!isPartDelimiter(word.charAt(k))) {
                return 0;
            }
        }
        return i;
    }

    /** The shapes joined by single spaces: equal for two messages exactly when their shapes are. */
    String key() {
        return String.join(" ", shapes);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\u000B' || c == '\f';
    }

    /** Structural punctuation: cuts a word into parts. */
    static boolean isPartDelimiter(char c) {
        switch (c) {
            // ' ' only occurs inside a value joined with its unit ("<*> KB") or a request target with its protocol
            case ',', '!', ';', ':', '=', '|', '"', '\'', '[', ']', '(', ')', '{', '}', ' ':
                return true;
            default:
                return false;
        }
    }

    /** The word with each value part replaced by {@code <*>}; the word itself (same instance) when it has none. */
    static String shapeOfWord(String word) {
        StringBuilder out = null;
        int n = word.length();
        int i = 0;
        while (i < n) {
            char c = word.charAt(i);
            if (isPartDelimiter(c)) {
                if (c == ':' && i + 3 < n && word.charAt(i + 1) == '/' && word.charAt(i + 2) == '/') {
                    // scheme://anything: the address after the scheme is one value
                    if (out == null) {
                        out = new StringBuilder(n).append(word, 0, i);
                    }
                    return out.append("://").append(VARIABLE).toString();
                }
                if (out != null) {
                    out.append(c);
                }
                i++;
                continue;
            }
            int start = i;
            while (i < n && !isPartDelimiter(word.charAt(i))) {
                i++;
            }
            String shaped = shapeOfPart(word, start, i, n);
            if (shaped != null) {
                if (out == null) {
                    out = new StringBuilder(n + 4).append(word, 0, start);
                }
                out.append(shaped);
            } else if (out != null) {
                out.append(word, start, i);
            }
        }
        return out == null ? word : out.toString();
    }

    /**
     * The shape of one part {@code s[start, end)}, or {@code null} when it has no value. Whole-part
     * values: paths, day and month names, host names (and the host of {@code host:port}). Else each
     * piece (cut at {@code . / + @ # $ % & * ~ \ < >}, and at {@code -} unless it joins two
     * letters or digits or signs a number) that looks numeric becomes {@code <*>}, and values
     * joined only by dots become one ({@code 10.1.2.3} is one address).
     */
    static String shapeOfPart(String s, int start, int end, int wordEnd) {
        if (s.charAt(start) == '/' && isPath(s, start, end)) {
            return VARIABLE;
        }
        if (isDateName(s, start, end) || isHostName(s, start, end) || isHostOfPort(s, start, end, wordEnd)) {
            return VARIABLE;
        }
        StringBuilder out = null;
        int i = start;
        while (i < end) {
            char c = s.charAt(i);
            if (isPieceDelimiter(s, i, start, end)) {
                if (out != null) {
                    out.append(c);
                }
                i++;
                continue;
            }
            int pieceStart = i;
            int digits = 0;
            int run = 0;
            int maxRun = 0;
            boolean hex = true;
            while (i < end && !isPieceDelimiter(s, i, start, end)) {
                c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                    run++;
                    maxRun = Math.max(maxRun, run);
                } else {
                    run = 0;
                    hex &= (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                }
                i++;
            }
            char pieceFirst = s.charAt(pieceStart);
            boolean value = digits > 0 && ((pieceFirst >= '0' && pieceFirst <= '9') || pieceFirst == '-'
                    || maxRun >= 4 || (hex && i - pieceStart >= 8));
            if (value) {
                if (out == null) {
                    out = new StringBuilder(end - start + 4).append(s, start, pieceStart);
                }
                int name = numberedNameStart(out);
                if (name >= 0) {
                    // msra-sa-41, mesos-slave-07: a name of two or more labels numbered at the end
                    // names one machine or instance; the whole name is the value
                    out.setLength(name);
                }
                int len = out.length();
                // 10.1.2.3, 1.5, 2005-06-03-15.42.50, UUIDs: values joined by dots or dashes are one value
                if (len >= VARIABLE.length() + 1 && (out.charAt(len - 1) == '.' || out.charAt(len - 1) == '-')
                        && out.lastIndexOf(VARIABLE) == len - 1 - VARIABLE.length()) {
                    out.setLength(len - 1);
                } else {
                    out.append(VARIABLE);
                }
            } else if (out != null) {
                out.append(s, pieceStart, i);
            }
        }
        return out == null ? null : out.toString();
    }

    /**
     * Where {@code letters-letters-} (two or more labels of letters, joined by dashes and ended by
     * one, after the start or a dot or slash) begins at the end of {@code out}, or -1. A single
     * label ({@code node-}) is a kind of thing, not a name: only its number is the value.
     */
    private static int numberedNameStart(StringBuilder out) {
        int len = out.length();
        if (len < 4 || out.charAt(len - 1) != '-') {
            return -1;
        }
        int b = len - 1;
        int dashes = 1;
        while (b > 0) {
            char c = out.charAt(b - 1);
            if (c == '-') {
                if (out.charAt(b) == '-') {
                    return -1;
                }
                dashes++;
            } else if (!Character.isLetter(c)) {
                break;
            }
            b--;
        }
        if (dashes < 2 || out.charAt(b) == '-' || (b > 0 && "./".indexOf(out.charAt(b - 1)) < 0)) {
            return -1;
        }
        return b;
    }

    private static boolean isPieceDelimiter(String s, int i, int start, int end) {
        switch (s.charAt(i)) {
            case '.', '+', '@', '#', '$', '%', '&', '/', '\\', '*', '~', '<', '>':
                return true;
            case '-':
                // i-fetch and 4287-bddd join; node-129 splits (the number is a value); -42 after a non-letter is a sign
                boolean before = i > start && isAlphanumeric(s.charAt(i - 1)) && s.charAt(i - 1) != '_';
                boolean after = i + 1 < end && isAlphanumeric(s.charAt(i + 1));
                boolean digitAfter = after && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9';
                if (before) {
                    return !after || digitAfter;
                }
                return !digitAfter;
            default:
                return false;
        }
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** A DNS name: three or more labels, the last one a 2-3 letter lower-case top-level domain. */
    private static boolean isHostName(String s, int start, int end) {
        int dots = 0;
        int lastDot = -1;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (i == start || i == lastDot + 1) {
                    return false;
                }
                dots++;
                lastDot = i;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        int tld = end - lastDot - 1;
        if (dots < 2 || tld < 2 || tld > 3) {
            return false;
        }
        for (int i = lastDot + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** The host of {@code host:port}: letters, digits, dots and dashes (with a letter and a dot or dash), then {@code :} and a port. */
    private static boolean isHostOfPort(String s, int start, int end, int wordEnd) {
        if (end + 1 >= wordEnd || s.charAt(end) != ':') {
            return false;
        }
        int i = end + 1;
        while (i < wordEnd && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        int portDigits = i - end - 1;
        if (portDigits == 0 || portDigits > 5) {
            return false;
        }
        if (i < wordEnd && "/,)]".indexOf(s.charAt(i)) < 0) {
            return false;
        }
        boolean letter = false;
        boolean joiner = false;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (c == '.' || c == '-') {
                joiner = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letter && joiner;
    }

    private static boolean isPath(String s, int start, int end) {
        // (/[^/]+)+/? : at least one character after every slash but a last one that marks a
        // directory (/var/www/html/), nothing before the first
        if (end - start < 2 || (s.charAt(end - 1) == '/' && end - start < 3)) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            if (s.charAt(i) == '/' && s.charAt(i - 1) == '/') {
                return false;
            }
        }
        return true;
    }

    private static final java.util.Set<String> DATE_NAMES = java.util.Set.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private static boolean isDateName(String s, int start, int end) {
        return end - start == 3 && DATE_NAMES.contains(s.substring(start, end));
    }

    /**
     * {@code true false null root admin}: values people write as {@code <*>}, yet they group as
     * constants, because {@code user=root} and {@code user=guest} are usually different events
     * while a variable part would swallow every word at that place.
     */
    static boolean isLiteralValue(String s, int start, int end) {
        int len = end - start;
        if (len < 4 || len > 5) {
            return false;
        }
        return s.regionMatches(true, start, "true", 0, 4) && len == 4
                || s.regionMatches(true, start, "null", 0, 4) && len == 4
                || s.regionMatches(true, start, "root", 0, 4) && len == 4
                || s.regionMatches(true, start, "false", 0, 5) && len == 5
                || s.regionMatches(true, start, "admin", 0, 5) && len == 5;
    }

    /**
     * Splits a word into alternating parts and structural punctuation, e.g. {@code uid=<*>} →
     * {@code [uid, =, <*>]}. Two words have the same structure when these lists have the same
     * length and the same punctuation at the same places.
     */
    static List<String> parts(String word) {
        return parts(word, true);
    }

    /**
     * As {@link #parts(String)}, but a value and its unit ({@code 5.2 KB}, {@code <*> KB}) stay one
     * part, so that {@code <*>,} and {@code <*> KB,} have the same structure.
     */
    static List<String> quantityParts(String word) {
        return parts(word, false);
    }

    private static List<String> parts(String word, boolean splitAtSpace) {
        List<String> parts = new ArrayList<>(4);
        int n = word.length();
        int i = 0;
        while (i < n) {
            char c = word.charAt(i);
            if (isPartDelimiter(c) && (splitAtSpace || c != ' ')) {
                parts.add(String.valueOf(c));
                i++;
                continue;
            }
            int start = i;
            while (i < n && (!isPartDelimiter(word.charAt(i)) || (!splitAtSpace && word.charAt(i) == ' '))) {
                i++;
            }
            parts.add(word.substring(start, i));
        }
        return parts;
    }

    static boolean isDelimiterPart(String part) {
        return part.length() == 1 && isPartDelimiter(part.charAt(0));
    }
}
