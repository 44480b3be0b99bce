/**
 * The per-protocol ingest benchmark ({@code bench/run.sh protocols}): the same access-log events
 * encoded once per wire protocol ({@link dev.vigil.bench.protocols.TextBodies},
 * {@link dev.vigil.bench.protocols.BinaryBodies}), sent in a closed loop over HTTP
 * ({@link dev.vigil.bench.protocols.HttpLoad}) or TCP ({@link dev.vigil.bench.protocols.TcpLoad}),
 * and compared with native NDJSON ingest run next to it ({@link dev.vigil.bench.protocols.ProtocolLoad}).
 */
package dev.vigil.bench.protocols;
