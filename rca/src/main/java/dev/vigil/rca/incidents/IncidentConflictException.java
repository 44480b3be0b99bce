package dev.vigil.rca.incidents;

/** The incident is not in a status that allows the change asked for (e.g. resolving it twice). */
public final class IncidentConflictException extends IllegalStateException {
    public IncidentConflictException(String message) {
        super(message);
    }
}
