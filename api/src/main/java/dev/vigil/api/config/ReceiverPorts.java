package dev.vigil.api.config;

/**
 * Ports of the non-HTTP receivers; {@code -1} turns a receiver off, {@code 0} picks a free port.
 *
 * @param syslogTcp RFC 5424 / RFC 3164 over TCP (octet counting or newline framing)
 * @param syslogUdp syslog over UDP, one message per datagram
 * @param gelfTcp   GELF over TCP, NUL-terminated frames
 * @param gelfUdp   GELF over UDP, compressed and chunked
 */
public record ReceiverPorts(int syslogTcp, int syslogUdp, int gelfTcp, int gelfUdp) {
    public static final int OFF = -1;

    public static ReceiverPorts off() {
        return new ReceiverPorts(OFF, OFF, OFF, OFF);
    }

    /** @return null when {@code key} is not a receiver port setting */
    ReceiverPorts with(String key, String value) {
        if (!key.equals("syslog-tcp-port") && !key.equals("syslog-udp-port") && !key.equals("gelf-tcp-port")
                && !key.equals("gelf-udp-port")) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a port; use a number, 0 for any free port, -1 for off");
        }
        if (port < OFF || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range (-1 for off, 0 for any, up to 65535)");
        }
        return switch (key) {
            case "syslog-tcp-port" -> new ReceiverPorts(port, syslogUdp, gelfTcp, gelfUdp);
            case "syslog-udp-port" -> new ReceiverPorts(syslogTcp, port, gelfTcp, gelfUdp);
            case "gelf-tcp-port" -> new ReceiverPorts(syslogTcp, syslogUdp, port, gelfUdp);
            case "gelf-udp-port" -> new ReceiverPorts(syslogTcp, syslogUdp, gelfTcp, port);
            default -> null;
        };
    }
}
