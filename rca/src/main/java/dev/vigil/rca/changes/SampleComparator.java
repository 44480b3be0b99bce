package dev.vigil.rca.changes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.analytics.patterns.summary.BenjaminiHochberg;
import dev.vigil.analytics.patterns.summary.PoissonRateTest;

/**
 * Compares a new side with an old side: failure rate by {@link FisherExactTest}, latency by
 * {@link MannWhitneyTest}, and every warning template seen on the new side by the exact
 * conditional binomial test of two Poisson rates (one-sided, the template's counts over the two
 * sides' exposures). All p-values of one comparison are adjusted together by Benjamini–Hochberg,
 * and a finding also needs the minimum effect of {@link VerdictSettings}: with a few dozen tests
 * per deploy, significance alone would call ordinary noise a degradation now and then, and a
 * large sample would make harmless shifts significant. Stateless and thread-safe.
 */
final class SampleComparator {
    static final int MAX_TEMPLATES = 20;

    private final VerdictSettings settings;

    SampleComparator(VerdictSettings settings) {
        this.settings = settings;
    }

    Comparison compare(Sample newer, Sample older) {
        SideSummary now = summary(newer);
        SideSummary before = summary(older);
        boolean enough = now.requests() >= settings.minRequests() && before.requests() >= settings.minRequests();
        boolean enoughLatencies = now.latencies() >= settings.minRequests() && before.latencies() >= settings.minRequests();
        List<Double> pValues = new ArrayList<>();

        double errorP = Double.NaN;
        double errorImprovedP = Double.NaN;
        if (enough) {
            errorP = FisherExactTest.pValueGreater(now.failures(), now.requests(), before.failures(), before.requests());
            errorImprovedP = FisherExactTest.pValueGreater(before.failures(), before.requests(), now.failures(), now.requests());
            pValues.add(errorP);
        }
        MannWhitneyTest.Result shift = null;
        MannWhitneyTest.Result reverse = null;
        if (enoughLatencies) {
            double[] newLatencies = latencies(newer);
            double[] oldLatencies = latencies(older);
            shift = MannWhitneyTest.greater(newLatencies, oldLatencies);
            reverse = MannWhitneyTest.greater(oldLatencies, newLatencies);
            pValues.add(shift.pValue());
        }

        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, ServiceActivity.Warning> examples = new LinkedHashMap<>();
        for (ServiceActivity.Warning w : newer.warnings()) {
            counts.computeIfAbsent(w.templateId(), id -> new long[2])[0]++;
            examples.putIfAbsent(w.templateId(), w);
        }
        for (ServiceActivity.Warning w : older.warnings()) {
            long[] c = counts.get(w.templateId());
            if (c != null) {
                c[1]++;
            }
        }
        List<String> templateIds = new ArrayList<>(counts.keySet());
        double share = newer.exposure() / (newer.exposure() + older.exposure());
        for (String id : templateIds) {
            long[] c = counts.get(id);
            pValues.add(PoissonRateTest.atLeast((int) c[0], (int) (c[0] + c[1]), share));
        }

        double[] adjusted = pValues.isEmpty() ? new double[0]
                : BenjaminiHochberg.adjust(pValues.stream().mapToDouble(Double::doubleValue).toArray());
        int next = 0;
        double alpha = settings.falseDiscoveryRate();
        List<String> findings = new ArrayList<>();

        ErrorRateResult errors;
        double difference = now.errorRate() - before.errorRate();
        double errorRatio = ratio(now.errorRate(), before.errorRate());
        if (enough) {
            double adjustedP = adjusted[next++];
            boolean material = difference >= settings.minErrorRateIncrease()
                    && (before.failures() == 0 || errorRatio >= settings.minErrorRateRatio());
            boolean degraded = adjustedP <= alpha && material;
            errors = new ErrorRateResult(FisherExactTest.NAME, errorP, adjustedP, difference, errorRatio, degraded, errorImprovedP <= alpha, null);
            if (degraded) {
                findings.add(String.format(Locale.ROOT, "failure rate rose from %s (%d of %d) to %s (%d of %d), %s, adjusted p = %.2g",
                        percent(before.errorRate()), before.failures(), before.requests(), percent(now.errorRate()), now.failures(),
                        now.requests(), before.failures() == 0 ? "from none" : String.format(Locale.ROOT, "x%.1f", errorRatio), adjustedP));
            }
        } else {
            errors = new ErrorRateResult(FisherExactTest.NAME, Double.NaN, Double.NaN, difference, errorRatio, false, false,
                    "needs " + settings.minRequests() + " requests on each side");
        }

        LatencyResult latency;
        double medianRatio = ratio(now.p50Ms(), before.p50Ms());
        double p95Ratio = ratio(now.p95Ms(), before.p95Ms());
        if (shift != null) {
            double adjustedP = adjusted[next++];
            boolean material = shift.superiority() >= settings.minSuperiority()
                    && (medianRatio >= settings.minMedianRatio() || p95Ratio >= settings.minP95Ratio());
            boolean degraded = adjustedP <= alpha && material;
            latency = new LatencyResult(MannWhitneyTest.NAME, shift.u(), shift.z(), shift.pValue(), adjustedP, shift.superiority(),
                    medianRatio, p95Ratio, degraded, reverse.pValue() <= alpha, null);
            if (degraded) {
                findings.add(String.format(Locale.ROOT,
                        "latency rose: median %.1f ms -> %.1f ms, p95 %.1f ms -> %.1f ms; a new request is slower than an old one with probability %.2f, adjusted p = %.2g",
                        before.p50Ms(), now.p50Ms(), before.p95Ms(), now.p95Ms(), shift.superiority(), adjustedP));
            }
        } else {
            latency = new LatencyResult(MannWhitneyTest.NAME, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, medianRatio, p95Ratio,
                    false, false, "needs " + settings.minRequests() + " requests with a latency on each side");
        }

        List<TemplateShift> shifts = new ArrayList<>();
        for (int i = 0; i < templateIds.size(); i++) {
            String id = templateIds.get(i);
            long[] c = counts.get(id);
            double rate = c[0] / newer.exposure();
            double baselineRate = c[1] / older.exposure();
            double templateRatio = c[1] == 0 ? Double.POSITIVE_INFINITY : rate / baselineRate;
            double p = pValues.get(next);
            double adjustedP = adjusted[next++];
            boolean degraded = adjustedP <= alpha && c[0] >= settings.minTemplateCount()
                    && templateRatio >= settings.minTemplateRatio();
            if (templateRatio > 1) {
                ServiceActivity.Warning example = examples.get(id);
                shifts.add(new TemplateShift(id, example.templateText(), example.example(), c[0], c[1], templateRatio, p, adjustedP, degraded));
            }
        }
        shifts.sort(Comparator.comparingDouble(TemplateShift::adjustedPValue).thenComparing(TemplateShift::count, Comparator.reverseOrder())
                .thenComparing(TemplateShift::id));
        List<TemplateShift> degradedTemplates = shifts.stream().filter(TemplateShift::degraded).toList();
        if (!degradedTemplates.isEmpty()) {
            TemplateShift top = degradedTemplates.get(0);
            findings.add(String.format(Locale.ROOT, "%d warning/error template%s %s, e.g. '%s' (%d vs %d, adjusted p = %.2g)",
                    degradedTemplates.size(), degradedTemplates.size() == 1 ? "" : "s",
                    degradedTemplates.stream().allMatch(TemplateShift::isNew) ? "appeared" : "appeared or surged",
                    top.text() == null ? top.example() : top.text(), top.count(), top.baselineCount(), top.adjustedPValue()));
        }

        Verdict verdict;
        Comparison.Shortfall shortfall = null;
        if (!findings.isEmpty()) {
            verdict = Verdict.DEGRADED;
        } else if (!enough || !enoughLatencies) {
            verdict = Verdict.INCONCLUSIVE;
            shortfall = shortfall(now, before, newer.minutes());
        } else {
            verdict = Verdict.HEALTHY;
        }
        return new Comparison(now, before, errors, latency, List.copyOf(shifts.subList(0, Math.min(MAX_TEMPLATES, shifts.size()))),
                templateIds.size(), pValues.size(), alpha, verdict, List.copyOf(findings), shortfall);
    }

    private Comparison.Shortfall shortfall(SideSummary now, SideSummary before, double newMinutes) {
        int needed = settings.minRequests();
        double perMinute = newMinutes > 0 ? now.requests() / newMinutes : 0;
        double wait = now.requests() >= needed ? 0 : perMinute > 0 ? (needed - now.requests()) / perMinute : Double.NaN;
        String message = String.format(Locale.ROOT,
                "not enough data: the error-rate and latency tests need at least %d requests (with latencies) on each side; the new side has %d, the old side %d%s",
                needed, now.requests(), before.requests(),
                Double.isNaN(wait) ? "" : wait > 0 ? String.format(Locale.ROOT, " (at the new side's rate of %.1f a minute, about %.0f more minutes)",
                        perMinute, Math.ceil(wait)) : "");
        return new Comparison.Shortfall(needed, now.requests(), before.requests(), wait, message);
    }

    static SideSummary summary(Sample sample) {
        long failures = sample.requests().stream().filter(ServiceActivity.Request::failed).count();
        long requests = sample.requests().size();
        double[] sorted = Quantiles.sorted(latencies(sample));
        return new SideSummary(requests, failures, requests == 0 ? Double.NaN : failures / (double) requests, sorted.length,
                Quantiles.of(sorted, 0.5), Quantiles.of(sorted, 0.95), Quantiles.of(sorted, 0.99), sample.warnings().size(), sample.exposure());
    }

    private static double[] latencies(Sample sample) {
        return sample.requests().stream().mapToDouble(ServiceActivity.Request::latencyMs).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static double ratio(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline)) {
            return Double.NaN;
        }
        if (baseline == 0) {
            return value == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        return value / baseline;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
