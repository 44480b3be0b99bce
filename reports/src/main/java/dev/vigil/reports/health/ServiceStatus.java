package dev.vigil.reports.health;

import java.awt.Color;
import java.util.Collection;

/** Health verdict for a service, ordered from best to worst by {@link #severity()}. */
public enum ServiceStatus {
    HEALTHY("Healthy", new Color(0x2E7D32), 0),
    UNKNOWN("Unknown", new Color(0x757575), 1),
    DEGRADED("Degraded", new Color(0xE08E00), 2),
    DOWN("Down", new Color(0xC62828), 3);

    private final String label;
    private final Color color;
    private final int severity;

    ServiceStatus(String label, Color color, int severity) {
        this.label = label;
        this.color = color;
        this.severity = severity;
    }

    /** Human-readable label, e.g. "Degraded". */
    public String label() {
        return label;
    }

    /** Colour used for this status in charts and the PDF. */
    public Color color() {
        return color;
    }

    /** Colour as {@code #RRGGBB}. */
    public String hex() {
        return String.format("#%06X", color.getRGB() & 0xFFFFFF);
    }

    /** Higher is worse: HEALTHY 0, UNKNOWN 1, DEGRADED 2, DOWN 3. */
    public int severity() {
        return severity;
    }

    /** Coloured circle emoji for Markdown. */
    public String emoji() {
        return switch (this) {
            case HEALTHY -> "\uD83D\uDFE2";
            case DEGRADED -> "\uD83D\uDFE1";
            case DOWN -> "\uD83D\uDD34";
            case UNKNOWN -> "\u26AA";
        };
    }

    /** The worst of the given statuses; {@link #UNKNOWN} when there are none. */
    public static ServiceStatus worst(Collection<ServiceStatus> statuses) {
        ServiceStatus worst = null;
        for (ServiceStatus s : statuses) {
            if (s != null && (worst == null || s.severity > worst.severity)) {
                worst = s;
            }
        }
        return worst == null ? UNKNOWN : worst;
    }
}
