package dev.vigil.rca.alerts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of an alert: a 64-bit FNV-1a hash of its sorted label set, as 16 hex digits. Two
 * evaluations that produce the same labels are the same alert (deduplication); the order in
 * which labels were added does not matter.
 */
public final class Fingerprint {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprint() {
    }

    public static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = mix(hash, label.getKey());
            // A separator byte that cannot occur in UTF-8 keeps {"ab":"c"} and {"a":"bc"} apart.
            hash = (hash ^ 0xff) * PRIME;
            hash = mix(hash, label.getValue());
            hash = (hash ^ 0xfe) * PRIME;
        }
        return String.format("%016x", hash);
    }

    private static long mix(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * PRIME;
        }
        return hash;
    }
}
