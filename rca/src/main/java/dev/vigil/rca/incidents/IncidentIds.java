package dev.vigil.rca.incidents;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Incident ids: the UTC opening date and six random base-36 characters, e.g.
 * {@code 20261102-k3f9qz}. Short enough to read out, URL-safe, sortable by day, and assigned once:
 * an incident keeps its id for life. Because the id names the incident's file, {@link #isValid}
 * is the only gate between a request path and the file system: anything it refuses (dots,
 * slashes, upper case, any other length) never reaches a path. Thread-safe.
 */
public final class IncidentIds {
    private static final Pattern FORMAT = Pattern.compile("[0-9]{8}-[0-9a-z]{6}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private IncidentIds() {
    }

    /** A fresh id for an incident opened at {@code openedAt}; the caller checks it is unused. */
    static String next(Instant openedAt) {
        StringBuilder id = new StringBuilder(15).append(DAY.format(openedAt)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** True when {@code id} has the shape of an incident id (it may still be unknown). */
    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
