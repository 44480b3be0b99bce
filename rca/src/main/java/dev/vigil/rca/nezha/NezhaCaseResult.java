package dev.vigil.rca.nezha;

import java.util.List;

/**
 * What the analysis said about one fault.
 *
 * @param date           the date directory
 * @param fault          the fault as listed
 * @param injectNanos    the injection instant used (see {@link NezhaLayout} for the clock)
 * @param skipped        true when the case's data files are missing
 * @param reason         why it was skipped, or null
 * @param rankedServices services in the order of their best candidate
 * @param rankedCauses   the finer cause (log template or metric) of each ranked service, same order
 * @param expectedCause  the finer cause {@code root_cause_ts.json} names for the fault, or null
 * @param causeMatched   whether the true service's cause matches it, or null when not comparable
 * @param events         events loaded for the case
 * @param loadMillis     time spent loading the case
 * @param rcaMillis      time the analysis took
 * @param explanations   the explanations of the first few candidates, best first
 */
public record NezhaCaseResult(String date, NezhaFault fault, long injectNanos, boolean skipped, String reason,
                              List<String> rankedServices, List<String> rankedCauses, String expectedCause, Boolean causeMatched,
                              long events, double loadMillis, double rcaMillis, List<String> explanations) {

    /** 1-based rank of the true service, or 0 when it is not ranked. */
    public int rankOfTruth() {
        int index = rankedServices.indexOf(fault.service());
        return index + 1;
    }

    static NezhaCaseResult skipped(String date, NezhaFault fault, long injectNanos, String reason) {
        return new NezhaCaseResult(date, fault, injectNanos, true, reason, List.of(), List.of(), null, null, 0, 0, 0, List.of());
    }
}
