package dev.vigil.reports.plan;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sorts what Vigil sees into {@link ComponentGroup}s with a few name rules, checked in this order
 * (documented in docs/reports.md, "System implementation plan"):
 * <ol>
 *   <li>Vigil itself and other telemetry tools (prometheus, grafana, otel, loki, ...) → monitoring;</li>
 *   <li>names of auth and TLS services (auth, iam, identity, oauth, sso, keycloak, vault, cert, tls) → security;</li>
 *   <li>names of data stores (postgres, mysql, redis, kafka, mongo, elasticsearch, ...), span peers with
 *       {@code db.system} or {@code messaging.system}, and connection-pool metrics → data stores;</li>
 *   <li>names of CI/CD tools (jenkins, argo, ci, pipeline, deploy, ...) → deployment;</li>
 *   <li>every other service that Vigil sees requests or logs from → API services.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class ComponentClassifier {
    private static final Map<ComponentGroup, List<String>> WORDS = Map.of(
            ComponentGroup.MONITORING, List.of("vigil", "prometheus", "grafana", "otel", "opentelemetry", "loki", "jaeger", "alertmanager",
                    "tempo", "zipkin", "fluent", "logstash"),
            ComponentGroup.SECURITY, List.of("auth", "iam", "identity", "oauth", "sso", "keycloak", "vault", "cert", "tls", "login"),
            ComponentGroup.DATA_STORES, List.of("postgres", "mysql", "mariadb", "redis", "kafka", "mongo", "elasticsearch", "opensearch",
                    "cassandra", "rabbitmq", "memcached", "clickhouse", "sqlite", "oracle", "mssql", "etcd", "nats", "hikari"),
            ComponentGroup.DEPLOYMENT, List.of("jenkins", "argo", "gitlab", "github", "ci", "cd", "pipeline", "deploy", "spinnaker",
                    "flux", "tekton", "buildkite", "terraform"));
    private static final List<ComponentGroup> ORDER = List.of(ComponentGroup.MONITORING, ComponentGroup.SECURITY,
            ComponentGroup.DATA_STORES, ComponentGroup.DEPLOYMENT);

    /** The group of a service seen by name (logs, spans, changes). */
    public ComponentGroup classify(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ComponentGroup group : ORDER) {
            for (String word : WORDS.get(group)) {
                if (matches(lower, word)) {
                    return group;
                }
            }
        }
        return ComponentGroup.API_SERVICES;
    }

    /** Whether a metric name says it measures a data store (connection pools, Hikari, Redis, ...). */
    public boolean isDataStoreMetric(String metricName) {
        String lower = metricName.toLowerCase(Locale.ROOT);
        return lower.startsWith("db_pool_") || lower.startsWith("hikaricp_") || lower.contains("hikari")
                || lower.startsWith("redis_") || lower.startsWith("pg_") || lower.startsWith("kafka_") || lower.startsWith("mysql_");
    }

    /** Short words match whole name parts only ("ci" in "ci-runner", not in "pricing"). */
    private static boolean matches(String name, String word) {
        if (word.length() > 3) {
            return name.contains(word);
        }
        for (String part : name.split("[^a-z0-9]+")) {
            if (part.equals(word)) {
                return true;
            }
        }
        return false;
    }
}
