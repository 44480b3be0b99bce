package dev.vigil.ingest.syslog;

/** A syslog message that does not follow RFC 5424 or RFC 3164; the message says where and why. */
public final class SyslogParseException extends RuntimeException {
    public SyslogParseException(String message) {
        super(message, null, false, false);
    }
}
