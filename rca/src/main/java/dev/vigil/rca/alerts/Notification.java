package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message about a group of alerts: what every notification target sends.
 *
 * @param groupKey    the group's identity ({@code {alertname="x",service="y"}})
 * @param groupLabels the values of the group-by labels
 * @param alerts      the group's firing alerts and those resolved since the last notification
 * @param at          when the group was flushed
 */
public record Notification(String groupKey, Map<String, String> groupLabels, List<Alert> alerts, Instant at) {
    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
    }

    /** {@code firing} when any alert fires, else {@code resolved}. */
    public String status() {
        for (Alert a : alerts) {
            if (a.state() == AlertState.FIRING) {
                return "firing";
            }
        }
        return "resolved";
    }

    public List<Alert> firing() {
        return alerts.stream().filter(a -> a.state() == AlertState.FIRING).toList();
    }

    public List<Alert> resolved() {
        return alerts.stream().filter(a -> a.state() == AlertState.RESOLVED).toList();
    }
}
