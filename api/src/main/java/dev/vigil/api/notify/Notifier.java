package dev.vigil.api.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.rca.alerts.Alert;
import dev.vigil.rca.alerts.AlertEngine;
import dev.vigil.rca.alerts.Notification;
import io.vertx.core.Future;

/**
 * Hands one evaluation's output to every target: each grouped notification to the targets whose
 * {@code match} labels its alerts carry (a notification is narrowed to the matching alerts), and
 * the evaluation itself to targets that keep state (Alertmanager). Thread-safe.
 */
public final class Notifier {
    private final List<NotificationTargets.Route> routes;

    public Notifier(List<NotificationTargets.Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<NotificationTargets.Route> routes() {
        return routes;
    }

    /** Completes when every target delivered or gave up; never fails. */
    public Future<Void> dispatch(AlertEngine.Evaluation evaluation) {
        List<Future<Void>> sends = new ArrayList<>();
        for (NotificationTargets.Route route : routes) {
            sends.add(route.target().evaluated(narrow(evaluation, route.match())));
            for (Notification n : evaluation.notifications()) {
                List<Alert> alerts = n.alerts().stream().filter(a -> matches(a, route.match())).toList();
                if (!alerts.isEmpty()) {
                    sends.add(route.target().send(alerts.size() == n.alerts().size() ? n
                            : new Notification(n.groupKey(), n.groupLabels(), alerts, n.at())));
                }
            }
        }
        return Future.join(sends).<Void>mapEmpty().otherwiseEmpty();
    }

    private static AlertEngine.Evaluation narrow(AlertEngine.Evaluation e, Map<String, String> match) {
        if (match.isEmpty()) {
            return e;
        }
        return new AlertEngine.Evaluation(e.at(), e.alerts().stream().filter(a -> matches(a, match)).toList(), e.transitions(),
                e.notifications());
    }

    private static boolean matches(Alert alert, Map<String, String> match) {
        for (Map.Entry<String, String> m : match.entrySet()) {
            if (!m.getValue().equals(alert.labels().get(m.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
