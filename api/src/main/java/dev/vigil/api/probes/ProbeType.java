package dev.vigil.api.probes;

import java.util.Locale;

/** What a probe checks: an HTTP(S) answer or a TCP connection. */
public enum ProbeType {
    HTTP, HTTPS, TCP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static ProbeType parse(String text) {
        for (ProbeType type : values()) {
            if (type.label().equalsIgnoreCase(text.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a probe type; use http, https or tcp");
    }
}
