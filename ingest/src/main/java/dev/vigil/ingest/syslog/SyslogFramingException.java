package dev.vigil.ingest.syslog;

/** A TCP stream whose framing cannot be followed; the connection must be closed. */
public final class SyslogFramingException extends RuntimeException {
    public SyslogFramingException(String message) {
        super(message, null, false, false);
    }
}
