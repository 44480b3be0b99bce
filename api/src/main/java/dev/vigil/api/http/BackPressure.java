package dev.vigil.api.http;

import java.util.concurrent.CompletionException;

import dev.vigil.ingest.DiskSpaceLowException;
import dev.vigil.ingest.IndexBehindException;
import dev.vigil.ingest.journal.JournalFullException;

/**
 * Recognises the refusals that mean "retry later" rather than "bad request": the journal writer is
 * saturated, indexing is too far behind, or the disk is under its floor. Every receiver answers
 * them with its protocol's retry signal (docs/api.md, "Back-pressure"). Stateless.
 */
public final class BackPressure {
    /** The {@code Retry-After} value receivers send, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "1";

    private BackPressure() {
    }

    /** The failure without its {@link CompletionException} wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** True when {@code failure} (wrapped or not) asks the client to retry later. */
    public static boolean is(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof JournalFullException || cause instanceof IndexBehindException || cause instanceof DiskSpaceLowException;
    }

    /** The rejection-metric reason: {@code disk_space_low} or {@code overloaded}. */
    public static String reason(Throwable failure) {
        return unwrap(failure) instanceof DiskSpaceLowException ? "disk_space_low" : "overloaded";
    }

    /** Vigil's own error shape for a back-pressure failure: 503 (Responses adds Retry-After). */
    public static ApiException toApiException(Throwable failure) {
        Throwable cause = unwrap(failure);
        return new ApiException(503, reason(cause), cause.getMessage());
    }
}
