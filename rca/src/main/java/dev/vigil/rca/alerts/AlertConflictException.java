package dev.vigil.rca.alerts;

/** A change that conflicts with what is stored: a rule id taken, or a rule owned by the configuration file. */
public final class AlertConflictException extends IllegalStateException {
    public AlertConflictException(String message) {
        super(message);
    }
}
