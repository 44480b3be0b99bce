package dev.vigil.api.probes;

import java.time.Duration;

/**
 * One configured check. Immutable.
 *
 * @param name         identifier, {@code [a-z0-9][a-z0-9._-]*}; the {@code probe} label of its results
 * @param type         http, https or tcp
 * @param target       the URL (http, https) or {@code host:port} (tcp)
 * @param interval     time between checks
 * @param timeout      a check slower than this fails; shorter than the interval
 * @param statusMin    lowest HTTP status that counts as up (inclusive)
 * @param statusMax    highest HTTP status that counts as up (inclusive)
 * @param bodyContains text the HTTP body must contain to count as up, or null
 * @param trustAll     accept any TLS certificate and host name (self-signed test targets); prefer {@code caFile}
 * @param caFile       PEM file of the certificate authorities to trust for https, or null for the JVM's
 * @param slaPercent   the uptime promised for this target in percent, or NaN for none
 * @param origin       {@code file} (read-only through the API) or {@code api}
 */
public record ProbeDefinition(String name, ProbeType type, String target, Duration interval, Duration timeout, int statusMin,
                              int statusMax, String bodyContains, boolean trustAll, String caFile, double slaPercent, String origin) {
    public static final String ORIGIN_FILE = "file";
    public static final String ORIGIN_API = "api";

    public ProbeDefinition withOrigin(String newOrigin) {
        return new ProbeDefinition(name, type, target, interval, timeout, statusMin, statusMax, bodyContains, trustAll, caFile,
                slaPercent, newOrigin);
    }

    /** {@code host} of a tcp target. */
    public String tcpHost() {
        return target.substring(0, target.lastIndexOf(':')).replace("[", "").replace("]", "");
    }

    /** {@code port} of a tcp target. */
    public int tcpPort() {
        return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    }
}
