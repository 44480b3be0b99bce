/** Grafana Loki's push endpoint, {@code POST /loki/api/v1/push} (see docs/receivers/loki.md). */
package dev.vigil.api.receivers.loki;
