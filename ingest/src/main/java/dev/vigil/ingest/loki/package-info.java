/**
 * Grafana Loki's push API ({@code POST /loki/api/v1/push}) decoded into {@link dev.vigil.ingest.model.LogEvent}s:
 * the JSON body and the snappy-compressed protobuf {@code logproto.PushRequest}
 * ({@link dev.vigil.ingest.loki.LokiPushDecoder}), and the Prometheus-style label string that the protobuf
 * form carries ({@link dev.vigil.ingest.loki.LokiLabels}). No HTTP here. All public types are thread-safe.
 */
package dev.vigil.ingest.loki;
