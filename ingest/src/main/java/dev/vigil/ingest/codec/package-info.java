/**
 * Wire formats of events: the native JSON ingest API ({@link dev.vigil.ingest.codec.NativeJsonDecoder}),
 * the Prometheus text format ({@link dev.vigil.ingest.codec.PrometheusTextParser}), JSON output
 * ({@link dev.vigil.ingest.codec.EventJson}) and the binary journal record
 * ({@link dev.vigil.ingest.codec.BatchCodec}). Decoders report every refused item as a
 * {@link dev.vigil.ingest.codec.LineError} naming the line and the field as the client wrote it.
 * All public types are thread-safe.
 */
package dev.vigil.ingest.codec;
