package dev.vigil.rca.nezha;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's figures: AS@k (the share of scored faults whose true service is among the
 * top k), overall and per fault type, the finer-cause accuracy and the time per case.
 * Immutable.
 */
public record NezhaReport(List<NezhaCaseResult> cases) {

    public NezhaReport {
        cases = List.copyOf(cases);
    }

    public List<NezhaCaseResult> scored() {
        return cases.stream().filter(c -> !c.skipped()).toList();
    }

    /** AS@k over the scored cases, or NaN when none was scored. */
    public double accuracyAt(int k) {
        return accuracyAt(scored(), k);
    }

    static double accuracyAt(List<NezhaCaseResult> scored, int k) {
        if (scored.isEmpty()) {
            return Double.NaN;
        }
        long hits = scored.stream().filter(c -> c.rankOfTruth() >= 1 && c.rankOfTruth() <= k).count();
        return hits / (double) scored.size();
    }

    /** Scored cases per fault type, types sorted. */
    public Map<String, List<NezhaCaseResult>> byType() {
        Map<String, List<NezhaCaseResult>> out = new TreeMap<>();
        for (NezhaCaseResult c : scored()) {
            out.computeIfAbsent(c.fault().type(), t -> new ArrayList<>()).add(c);
        }
        return out;
    }

    public void print(PrintStream out) {
        List<NezhaCaseResult> scored = scored();
        out.printf(Locale.ROOT, "Nezha RCA: %d faults, %d scored, %d skipped%n", cases.size(), scored.size(), cases.size() - scored.size());
        out.printf(Locale.ROOT, "%-16s %4s %7s %7s %7s%n", "fault type", "n", "AS@1", "AS@3", "AS@5");
        for (Map.Entry<String, List<NezhaCaseResult>> entry : byType().entrySet()) {
            line(out, entry.getKey(), entry.getValue());
        }
        line(out, "all", scored);
        List<NezhaCaseResult> comparable = scored.stream().filter(c -> c.causeMatched() != null).toList();
        long matched = comparable.stream().filter(NezhaCaseResult::causeMatched).count();
        if (!comparable.isEmpty()) {
            out.printf(Locale.ROOT, "finer cause (log template or metric of the true service) matches root_cause_ts.json: %d/%d = %.3f%n",
                    matched, comparable.size(), matched / (double) comparable.size());
        }
        if (!scored.isEmpty()) {
            double load = scored.stream().mapToDouble(NezhaCaseResult::loadMillis).average().orElse(0);
            double rca = scored.stream().mapToDouble(NezhaCaseResult::rcaMillis).average().orElse(0);
            double maxRca = scored.stream().mapToDouble(NezhaCaseResult::rcaMillis).max().orElse(0);
            out.printf(Locale.ROOT, "time per case: load %.0f ms, RCA %.0f ms on average (max %.0f ms)%n", load, rca, maxRca);
        }
    }

    private static void line(PrintStream out, String label, List<NezhaCaseResult> cases) {
        out.printf(Locale.ROOT, "%-16s %4d %7.3f %7.3f %7.3f%n", label, cases.size(), accuracyAt(cases, 1), accuracyAt(cases, 3),
                accuracyAt(cases, 5));
    }
}
