package dev.vigil.ingest.elasticsearch;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates 20-character URL-safe document ids like Elasticsearch's auto-generated ones: 6 bytes
 * of milliseconds, 3 bytes of a per-process sequence and 6 random bytes chosen once per process.
 * Thread-safe.
 */
public final class DocumentIds {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final byte[] node = new byte[6];
    private final AtomicLong sequence;

    public DocumentIds() {
        SecureRandom random = new SecureRandom();
        random.nextBytes(node);
        sequence = new AtomicLong(random.nextInt(1 << 24));
    }

    public String next() {
        long millis = System.currentTimeMillis();
        long seq = sequence.getAndIncrement();
        byte[] id = new byte[15];
        for (int i = 0; i < 6; i++) {
            id[i] = (byte) (millis >>> (8 * (5 - i)));
        }
        id[6] = (byte) (seq >>> 16);
        id[7] = (byte) (seq >>> 8);
        id[8] = (byte) seq;
        System.arraycopy(node, 0, id, 9, 6);
        return ENCODER.encodeToString(id);
    }
}
