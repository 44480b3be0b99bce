package dev.vigil.ingest.codec;

import dev.vigil.ingest.model.ChangeStatus;
import dev.vigil.ingest.model.ChangeType;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.SpanStatus;

/**
 * The journal's byte code for every enum constant of the event model. Codes are assigned here by
 * name, never taken from {@code Enum.ordinal()}, so that reordering or extending a Java enum can
 * never change the meaning of journals already on disk. A code, once assigned, must never be
 * reused or changed; new constants get new codes. The switches are exhaustive without a default,
 * so adding a constant to an enum fails compilation here until it has a code.
 *
 * <p>Stateless and thread-safe.
 */
final class StableCodes {
    private StableCodes() {
    }

    static int code(Level level) {
        return switch (level) {
            case TRACE -> 1;
            case DEBUG -> 2;
            case INFO -> 3;
            case WARN -> 4;
            case ERROR -> 5;
            case FATAL -> 6;
        };
    }

    static Level level(int code) {
        return switch (code) {
            case 1 -> Level.TRACE;
            case 2 -> Level.DEBUG;
            case 3 -> Level.INFO;
            case 4 -> Level.WARN;
            case 5 -> Level.ERROR;
            case 6 -> Level.FATAL;
            default -> throw unknown("level", code);
        };
    }

    static int code(ChangeType type) {
        return switch (type) {
            case DEPLOY -> 1;
            case ROLLBACK -> 2;
            case MIGRATION -> 3;
            case CONFIG_CHANGE -> 4;
            case FEATURE_FLAG -> 5;
            case SCALE -> 6;
            case INFRASTRUCTURE -> 7;
        };
    }

    static ChangeType changeType(int code) {
        return switch (code) {
            case 1 -> ChangeType.DEPLOY;
            case 2 -> ChangeType.ROLLBACK;
            case 3 -> ChangeType.MIGRATION;
            case 4 -> ChangeType.CONFIG_CHANGE;
            case 5 -> ChangeType.FEATURE_FLAG;
            case 6 -> ChangeType.SCALE;
            case 7 -> ChangeType.INFRASTRUCTURE;
            default -> throw unknown("change type", code);
        };
    }

    static int code(ChangeStatus status) {
        return switch (status) {
            case STARTED -> 1;
            case IN_PROGRESS -> 2;
            case SUCCEEDED -> 3;
            case FAILED -> 4;
            case ROLLED_BACK -> 5;
        };
    }

    static ChangeStatus changeStatus(int code) {
        return switch (code) {
            case 1 -> ChangeStatus.STARTED;
            case 2 -> ChangeStatus.IN_PROGRESS;
            case 3 -> ChangeStatus.SUCCEEDED;
            case 4 -> ChangeStatus.FAILED;
            case 5 -> ChangeStatus.ROLLED_BACK;
            default -> throw unknown("change status", code);
        };
    }

    static int code(SpanStatus status) {
        return switch (status) {
            case UNSET -> 1;
            case OK -> 2;
            case ERROR -> 3;
        };
    }

    static SpanStatus spanStatus(int code) {
        return switch (code) {
            case 1 -> SpanStatus.UNSET;
            case 2 -> SpanStatus.OK;
            case 3 -> SpanStatus.ERROR;
            default -> throw unknown("span status", code);
        };
    }

    private static IllegalStateException unknown(String what, int code) {
        return new IllegalStateException("corrupt journal record: unknown " + what + " code " + code);
    }
}
