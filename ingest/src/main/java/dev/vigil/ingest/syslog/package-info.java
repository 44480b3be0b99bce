/**
 * Syslog decoding without any network code: {@link dev.vigil.ingest.syslog.SyslogParser} turns one
 * RFC 5424 or RFC 3164 message into a {@link dev.vigil.ingest.model.LogEvent}, and
 * {@link dev.vigil.ingest.syslog.SyslogFrameDecoder} splits a TCP byte stream into messages with
 * RFC 6587 framing (octet counting or newline), detected per frame.
 */
package dev.vigil.ingest.syslog;
