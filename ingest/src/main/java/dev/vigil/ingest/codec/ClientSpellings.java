package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.InvalidFieldException;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers which alias a client used for a field, so that an error raised by the event model
 * under the primary name ({@code message}) can be reported under the name the client actually
 * wrote ({@code msg}): a client can only fix what it can find in its own payload.
 *
 * <p>Not thread-safe: one instance per decoded item.
 */
final class ClientSpellings {
    /** Primary name to the alias written; absent when the primary name was used, the usual case. */
    private Map<String, String> aliases;

    /** Records that the value of {@code primary} came from the field {@code written}. */
    void used(String primary, String written) {
        if (primary.equals(written)) {
            // A later field wins, so a later primary spelling undoes an earlier alias.
            if (aliases != null) {
                aliases.remove(primary);
            }
            return;
        }
        if (aliases == null) {
            aliases = new HashMap<>(4);
        }
        aliases.put(primary, written);
    }

    /** The name the client wrote for {@code primary}. */
    String of(String primary) {
        if (aliases == null) {
            return primary;
        }
        return aliases.getOrDefault(primary, primary);
    }

    /** The same failure, named as the client wrote the field. */
    InvalidFieldException respell(InvalidFieldException e) {
        String written = of(e.field());
        return written.equals(e.field()) ? e : new InvalidFieldException(written, e.reason());
    }
}
