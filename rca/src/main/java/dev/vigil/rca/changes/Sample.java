package dev.vigil.rca.changes;

import java.util.List;

/**
 * The requests and warning lines of one side, and the exposure that template counts are divided by.
 *
 * @param exposure seconds of window (before/after) or requests (side by side); positive
 * @param minutes  the side's window in minutes, for wait estimates
 */
record Sample(List<ServiceActivity.Request> requests, List<ServiceActivity.Warning> warnings, double exposure, double minutes) {
}
