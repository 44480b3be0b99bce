package dev.vigil.rca.incidents;

import java.util.NoSuchElementException;

/** No incident has the id asked for (or the id is malformed, which no incident can have). */
public final class UnknownIncidentException extends NoSuchElementException {
    public UnknownIncidentException(String id) {
        super("no incident with id '" + id + "'");
    }
}
