package dev.vigil.rca.alerts;

import java.time.Duration;
import java.util.List;

/**
 * How firing alerts become notifications, as in Alertmanager's route.
 *
 * @param groupBy        alerts with equal values of these labels share a notification; empty: all in one;
 *                       {@code ...}: every label (one alert per notification)
 * @param groupWait      how long a new group waits for more alerts before its first notification
 * @param groupInterval  how long a group waits before notifying about alerts added or resolved since its last one
 * @param repeatInterval how long before an unchanged group is notified again
 */
public record GroupingSettings(List<String> groupBy, Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    public GroupingSettings {
        groupBy = List.copyOf(groupBy);
    }

    /** Alertmanager's defaults, grouped by rule name and service. */
    public static GroupingSettings defaults() {
        return new GroupingSettings(List.of("alertname", "service"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));
    }
}
