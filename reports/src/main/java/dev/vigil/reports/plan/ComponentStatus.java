package dev.vigil.reports.plan;

import java.util.Locale;

/** How a component is doing, worst last so that {@code max} of two statuses is the worse one. */
public enum ComponentStatus {
    UNKNOWN("⚪"), OPERATIONAL("✅"), DEGRADED("🟡"), DOWN("🔴");

    private final String icon;

    ComponentStatus(String icon) {
        this.icon = icon;
    }

    public String icon() {
        return icon;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** e.g. {@code ✅ Operational}. */
    public String badge() {
        return icon + " " + Character.toUpperCase(label().charAt(0)) + label().substring(1);
    }

    public ComponentStatus worse(ComponentStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static ComponentStatus parse(String label) {
        for (ComponentStatus status : values()) {
            if (status.label().equals(label)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
