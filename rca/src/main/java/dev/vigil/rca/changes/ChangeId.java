package dev.vigil.rca.changes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.ingest.model.ChangeEvent;

/**
 * The stable id of a change: {@code <timestamp>-<digest>}, where the timestamp is the change's
 * time in epoch nanoseconds (decimal) and the digest the first 8 hex digits of the SHA-256 of
 * {@code service + "\n" + type + "\n" + version} (type as its label, e.g. {@code deploy}; an
 * absent version as the empty string). For example {@code 1793616120000000000-6c1ab03e}.
 *
 * <p>The id depends on nothing but the event, so it survives restarts and re-imports, and anyone
 * can compute it; the timestamp in front lets a lookup read one instant of the index instead of
 * every change. Two changes with the same time, service, type and version have the same id:
 * they are taken as one change reported twice. Stateless and thread-safe.
 */
public final class ChangeId {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})-([0-9a-f]{8})");

    private ChangeId() {
    }

    public static String of(ChangeEvent change) {
        return change.timestampNanos() + "-" + digest(change);
    }

    /** The timestamp an id names, or empty when the text is not an id. */
    public static OptionalLong timestampOf(String id) {
        if (id == null) {
            return OptionalLong.empty();
        }
        Matcher matcher = FORMAT.matcher(id);
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String digest(ChangeEvent change) {
        String key = change.service() + "\n" + change.type().label() + "\n" + (change.version() == null ? "" : change.version());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
