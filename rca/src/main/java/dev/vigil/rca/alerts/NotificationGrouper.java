package dev.vigil.rca.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns notifiable alerts into grouped notifications with Alertmanager's timing: a new group waits
 * {@code group_wait}; then it is flushed at most every {@code group_interval}, and only when an
 * alert was added, changed state or resolved, or when {@code repeat_interval} passed since the
 * last notification. A resolved alert is sent once, and only if its firing was sent. Driven by the
 * caller's clock: {@link #offer} every notifiable alert, then {@link #flush}. Not thread-safe: the
 * engine calls it under its lock.
 */
final class NotificationGrouper {
    private final GroupingSettings settings;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    NotificationGrouper(GroupingSettings settings) {
        this.settings = settings;
    }

    private static final class Group {
        final String key;
        final Map<String, String> labels;
        /** The alerts offered at the current tick. */
        final Map<String, Alert> current = new LinkedHashMap<>();
        /** The state last sent per fingerprint; an alert absent here was never sent. */
        final Map<String, AlertState> sent = new HashMap<>();
        Instant nextFlush;
        Instant lastSent;

        Group(String key, Map<String, String> labels, Instant nextFlush) {
            this.key = key;
            this.labels = labels;
            this.nextFlush = nextFlush;
        }
    }

    /** Starts a tick: alerts not offered again before {@link #flush} leave their groups unsent. */
    void begin() {
        for (Group g : groups.values()) {
            g.current.clear();
        }
    }

    /** A firing alert, or a resolved one, that may be notified (not silenced, not flapping). */
    void offer(Alert alert, Instant now) {
        Map<String, String> labels = new TreeMap<>();
        if (settings.groupBy().contains("...")) {
            // As in Alertmanager: grouping by every label, one alert per group.
            labels.putAll(alert.labels());
        }
        for (String name : settings.groupBy()) {
            String value = alert.labels().get(name);
            if (value != null) {
                labels.put(name, value);
            }
        }
        String key = key(labels);
        Group group = groups.get(key);
        if (group == null) {
            if (alert.state() != AlertState.FIRING) {
                return;
            }
            group = new Group(key, labels, now.plus(settings.groupWait()));
            groups.put(key, group);
        }
        group.current.put(alert.fingerprint(), alert);
    }

    /**
     * @param alive fingerprints the engine still tracks: what was sent about them is remembered
     *              while they are held back (silenced, flapping), so their resolution is still sent
     */
    List<Notification> flush(Instant now, java.util.Set<String> alive) {
        List<Notification> out = new ArrayList<>();
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            // Alerts the engine dropped are forgotten; held ones keep what receivers last heard.
            g.sent.keySet().retainAll(alive);
            if (now.isBefore(g.nextFlush)) {
                continue;
            }
            List<Alert> alerts = new ArrayList<>();
            boolean changed = false;
            for (Alert a : g.current.values()) {
                AlertState before = g.sent.get(a.fingerprint());
                if (a.state() == AlertState.RESOLVED && before != AlertState.FIRING) {
                    continue;
                }
                alerts.add(a);
                changed |= before != a.state();
            }
            boolean repeat = g.lastSent != null && !now.isBefore(g.lastSent.plus(settings.repeatInterval()));
            if (!alerts.isEmpty() && (changed || repeat)) {
                out.add(new Notification(g.key, g.labels, alerts, now));
                g.lastSent = now;
                for (Alert a : alerts) {
                    if (a.state() == AlertState.RESOLVED) {
                        g.sent.remove(a.fingerprint());
                        g.current.remove(a.fingerprint());
                    } else {
                        g.sent.put(a.fingerprint(), a.state());
                    }
                }
                g.nextFlush = now.plus(settings.groupInterval());
            }
            if (g.sent.isEmpty() && g.current.values().stream().noneMatch(a -> a.state() == AlertState.FIRING)) {
                it.remove();
            }
        }
        return out;
    }

    private static String key(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }
}
