package dev.vigil.analytics.patterns;

import java.nio.charset.StandardCharsets;

/**
 * Template ids: 12 hex digits of a 64-bit hash of the service and the template's first text, so
 * that replaying the same messages after a restart gives the same ids. A salt resolves the rare
 * collision. Stateless.
 */
final class TemplateIds {
    private TemplateIds() {
    }

    static String of(String service, String text, int salt) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, service.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0) * 0x100000001b3L;
        h = mix(h, text.getBytes(StandardCharsets.UTF_8));
        h ^= salt * 0x9E3779B97F4A7C15L;
        // finalise (splitmix64) so that similar texts do not give similar ids
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        String hex = Long.toHexString(h & 0xFFFFFFFFFFFFL);
        return "000000000000".substring(hex.length()) + hex;
    }

    private static long mix(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
