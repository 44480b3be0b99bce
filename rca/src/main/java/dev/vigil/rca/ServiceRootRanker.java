package dev.vigil.rca;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import dev.vigil.analytics.bottlenecks.ResourceKind;
import dev.vigil.ingest.model.Timestamps;
import dev.vigil.rca.LogFlows.Departure;
import dev.vigil.rca.LogFlows.FlowEvidence;
import dev.vigil.rca.LogFlows.ServiceFlow;
import dev.vigil.rca.MetricShiftDetector.Shift;
import dev.vigil.rca.SpanEvidenceCollector.Latency;
import dev.vigil.rca.SpanEvidenceCollector.SpanEvidence;

/**
 * Ranks services as the root of an incident from what traces show, the reasoning made explicit:
 * <ul>
 *   <li><b>Log profile.</b> A statement written far more or far less often per call of its
 *       operation than normally ({@link LogProfileDetector}): the code path of the service changed,
 *       whatever the traffic did.</li>
 *   <li><b>Flow origin.</b> In each trace of the window, the first log statement that departs
 *       from the normal flow is blamed on a service ({@link LogFlows}); a root cause is where the
 *       traces first go wrong, so a service's share of first departures is direct evidence.</li>
 *   <li><b>Own latency.</b> The self time of a service's spans (children excluded) grows when the
 *       service itself is slow (CPU starved, network delayed, pool exhausted); a caller waiting on
 *       a slow callee shows longer spans but not longer self time.</li>
 *   <li><b>Saturation.</b> A metric of the service far from its normal level (robust z).</li>
 *   <li><b>New warnings.</b> Warning or error statements never seen in normal times.</li>
 *   <li><b>Propagation.</b> Symptoms travel from callee to caller along the call graph: a service
 *       whose callees are anomalous too is more likely a victim than the origin, so its score is
 *       discounted by its most anomalous callee's.</li>
 *   <li><b>Changes.</b> A change that the change ranking finds a prime suspect (shortly before its
 *       service's first anomaly) keeps at least its score.</li>
 * </ul>
 * Each component is a number in 0..1 kept as evidence; they combine as independent witnesses
 * (noisy-or). Stateless and thread-safe.
 */
final class ServiceRootRanker {
    /** Origins needed before the flow evidence counts in full. */
    static final double FULL_ORIGINS = 5;
    /** Self-time growth that counts as nothing, and the growth (×10 beyond it) that counts in full. */
    static final double LATENCY_NOISE = 1.5;
    static final double MIN_SELF_MILLIS = 0.5;
    static final int MIN_NORMAL_SPANS = 5;
    static final int MIN_WINDOW_SPANS = 3;
    /** Robust z below which a metric move is noise; the move counts in full this far beyond it. */
    static final double METRIC_NOISE_Z = 3;
    static final double METRIC_FULL_Z = 15;
    /** Metrics say less than traces about where a fault is: a strong move weighs this much. */
    static final double METRIC_WEIGHT = 0.5;
    static final double WARNING_WEIGHT = 0.5;
    /**
     * The first departure of a trace is as direct a witness as the log profile: a caller reacts
     * after its callee went wrong, so the share of traces that go wrong first at a service orders
     * cause before effect trace by trace, and it does not depend on how much the service logs.
     */
    static final double FLOW_WEIGHT = 1.0;
    static final double WARNINGS_FULL = 20;
    /** How much an anomalous callee discounts its caller. */
    static final double CALLEE_DISCOUNT = 0.5;
    static final double CHANGE_SUSPECT = 0.7;
    /** How the evidence entry with the components starts. */
    static final String COMPONENTS = "components:";

    /** The components of one service's score. */
    record Components(double profile, double flow, double latency, double metric, double warnings) {
        double combined() {
            return 1 - (1 - profile) * (1 - FLOW_WEIGHT * flow) * (1 - latency) * (1 - METRIC_WEIGHT * metric)
                    * (1 - WARNING_WEIGHT * warnings);
        }
    }

    /** One service's verdict: its score after propagation and the candidate that explains it. */
    record Verdict(String service, double score, Components components, RootCauseCandidate candidate) {
    }

    List<Verdict> rank(AnalysisFrame frame, SpanEvidence spans, LogFlows logs, FlowEvidence flows,
                       Map<String, LogProfileDetector.ProfileChange> profiles, List<Shift> shifts,
                       Map<String, RootCauseCandidate> changes) {
        TreeSet<String> services = new TreeSet<>(profiles.keySet());
        services.addAll(spans.services().keySet());
        services.addAll(flows.services().keySet());
        Map<String, Shift> strongestShift = new HashMap<>();
        for (Shift shift : shifts) {
            // Only resource metrics (CPU, memory, pools, queues, threads) are saturation evidence;
            // latency and traffic series are symptoms that span self time already weighs.
            if (shift.z() > 0 && ResourceKind.of(shift.name()) != null) {
                services.add(shift.service());
                strongestShift.merge(shift.service(), shift, (a, b) -> a.z() >= b.z() ? a : b);
            }
        }
        Map<String, Components> components = new HashMap<>();
        for (String service : services) {
            components.put(service, components(service, profiles.get(service), spans.services().get(service), logs, flows,
                    strongestShift.get(service)));
        }
        List<Verdict> out = new ArrayList<>();
        for (String service : services) {
            Components own = components.get(service);
            double raw = own.combined();
            double worstCallee = 0;
            String worstCalleeName = null;
            for (String callee : spans.graph().callees(service)) {
                Components c = components.get(callee);
                if (c != null && c.combined() > worstCallee) {
                    worstCallee = c.combined();
                    worstCalleeName = callee;
                }
            }
            double score = raw * (1 - CALLEE_DISCOUNT * worstCallee);
            RootCauseCandidate change = changes.get(service);
            if (change != null && change.score() >= CHANGE_SUSPECT) {
                score = Math.max(score, change.score());
            }
            if (score <= 0) {
                continue;
            }
            out.add(new Verdict(service, score, own, candidate(frame, service, score, own, raw, worstCalleeName, worstCallee, spans,
                    logs, flows, profiles.get(service), strongestShift.get(service))));
        }
        out.sort(Comparator.comparingDouble(Verdict::score).reversed().thenComparing(Verdict::service));
        return out;
    }

    static Components components(String service, LogProfileDetector.ProfileChange profile, Latency latency, LogFlows logs,
                                 FlowEvidence flows, Shift shift) {
        ServiceFlow flow = flows.services().get(service);
        double flowScore = 0;
        double warnings = 0;
        if (flow != null) {
            if (flows.departedTraces() > 0) {
                flowScore = flow.origins / (double) flows.departedTraces() * Math.min(1, flow.origins / FULL_ORIGINS);
            }
            long newWarnings = flow.newWarnings;
            if (profile != null && profile.appeared() && logs.templateWarn.get(profile.statement())
                    && logs.normalCount(profile.statement()) == 0) {
                // The log profile already weighs this new warning: witnesses must be independent.
                newWarnings -= logs.windowCount(profile.statement());
            }
            warnings = Math.min(1, Math.max(0, newWarnings) / WARNINGS_FULL);
        }
        return new Components(profile == null ? 0 : profile.score(), flowScore, latencyScore(latency), metricScore(shift), warnings);
    }

    /** Growth of the median or p90 self time, mapped to 0..1 (×1.5 → 0, ×15 → 1). */
    static double latencyScore(Latency latency) {
        double ratio = selfTimeRatio(latency);
        if (!(ratio > LATENCY_NOISE)) {
            return 0;
        }
        return Math.min(1, Math.log10(ratio / LATENCY_NOISE));
    }

    static double selfTimeRatio(Latency latency) {
        if (latency == null || latency.normalCount() < MIN_NORMAL_SPANS || latency.windowCount() < MIN_WINDOW_SPANS) {
            return Double.NaN;
        }
        double median = latency.windowQuantile(0.5) / Math.max(MIN_SELF_MILLIS, latency.normalQuantile(0.5));
        double p90 = latency.windowQuantile(0.9) / Math.max(MIN_SELF_MILLIS, latency.normalQuantile(0.9));
        return Math.max(median, p90);
    }

    static double metricScore(Shift shift) {
        if (shift == null || shift.z() <= METRIC_NOISE_Z) {
            return 0;
        }
        return Math.min(1, (shift.z() - METRIC_NOISE_Z) / (METRIC_FULL_Z - METRIC_NOISE_Z));
    }

    private static RootCauseCandidate candidate(AnalysisFrame frame, String service, double score, Components own, double raw,
                                                String worstCallee, double worstCalleeScore, SpanEvidence spans, LogFlows logs,
                                                FlowEvidence flows, LogProfileDetector.ProfileChange profile, Shift shift) {
        List<Evidence> evidence = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        ServiceFlow flow = flows.services().get(service);
        Latency latency = spans.services().get(service);
        Instant onset = frame.window().from();
        String subject;
        CandidateKind kind;
        double strongest = Math.max(Math.max(own.profile(), Math.max(FLOW_WEIGHT * own.flow(), own.latency())),
                Math.max(METRIC_WEIGHT * own.metric(), WARNING_WEIGHT * own.warnings()));
        String profileText = null;
        if (profile != null && own.profile() > 0) {
            profileText = String.format(Locale.ROOT, "\"%s\" %s: %.2f per call of %s in the window vs %.2f normally",
                    logs.templateShape.get(profile.statement()), profile.appeared() ? "appeared" : "went missing",
                    profile.windowCount() / (double) profile.windowCalls(), profile.operation(),
                    profile.normalCount() / (double) profile.normalCalls());
            evidence.add(Evidence.of(String.format(Locale.ROOT, "%s (%d lines in %d calls vs %d in %d; exact rate test p = %.2g)", profileText,
                    profile.windowCount(), profile.windowCalls(), profile.normalCount(), profile.normalCalls(), profile.pValue()),
                    profile.windowCount() / (double) profile.windowCalls(), profile.normalCount() / (double) profile.normalCalls()));
            sentences.add("Its log statement " + profileText + ".");
        }
        if (flow != null && flow.origins > 0) {
            Departure cause = flow.topCause();
            evidence.add(Evidence.of(String.format(Locale.ROOT,
                    "first departure from the normal log flow in %d of the %d window traces that departed", flow.origins, flows.departedTraces()),
                    flow.origins, flows.departedTraces()));
            evidence.add(Evidence.fact("most frequent first departure: " + logs.describe(cause)));
            sentences.add(String.format(Locale.ROOT, "%d of the %d traces that went off their normal log flow in the window went off it first at %s (%s).",
                    flow.origins, flows.departedTraces(), service, logs.describe(cause)));
            if (flow.firstOriginNanos != Long.MAX_VALUE) {
                onset = Timestamps.toInstant(flow.firstOriginNanos);
            }
        }
        double ratio = selfTimeRatio(latency);
        if (Double.isFinite(ratio)) {
            evidence.add(Evidence.of(String.format(Locale.ROOT, "self time of its spans (children excluded): median %.1f ms, p90 %.1f ms in the window vs %.1f ms and %.1f ms normally (×%.1f)",
                    latency.windowQuantile(0.5), latency.windowQuantile(0.9), latency.normalQuantile(0.5), latency.normalQuantile(0.9), ratio),
                    latency.windowQuantile(0.9), latency.normalQuantile(0.9)));
            if (own.latency() > 0) {
                sentences.add(String.format(Locale.ROOT, "Its own work got %.1f times slower (span self time, children excluded).", ratio));
            }
        }
        if (shift != null && own.metric() > 0) {
            evidence.add(Evidence.of(String.format(Locale.ROOT, "%s reached %.3g against a normal %.3g (robust z %.1f)", shift.subject(),
                    shift.value(), shift.baseline(), shift.z()), shift.value(), shift.baseline()));
            sentences.add(String.format(Locale.ROOT, "%s rose to %.3g from a normal %.3g (robust z %.1f).", shift.subject(), shift.value(),
                    shift.baseline(), shift.z()));
        }
        if (flow != null && flow.newWarnings > 0) {
            evidence.add(Evidence.of("warning or error lines of statements never seen in normal times", flow.newWarnings, 0));
        }
        if (worstCallee != null && worstCalleeScore > 0) {
            evidence.add(Evidence.of("score of its most anomalous callee, " + worstCallee + " (discounts this service as its victim)",
                    worstCalleeScore, 0));
            if (worstCalleeScore > raw * 0.5) {
                sentences.add("It calls " + worstCallee + ", which is anomalous too, so part of this may be inherited.");
            }
        } else if (!spans.graph().callees(service).isEmpty()) {
            sentences.add("The services it calls look healthy.");
        }
        evidence.add(Evidence.of(String.format(Locale.ROOT, COMPONENTS + " log profile %.2f, flow %.2f, self time %.2f, metric %.2f, new warnings %.2f",
                own.profile(), own.flow(), own.latency(), own.metric(), own.warnings()), score, raw));
        if (profileText != null && strongest == own.profile()) {
            kind = CandidateKind.LOG_PATTERN;
            subject = profileText;
        } else if (strongest == FLOW_WEIGHT * own.flow() && flow != null && flow.origins > 0) {
            kind = CandidateKind.LOG_PATTERN;
            subject = logs.describe(flow.topCause());
        } else if (strongest == own.latency() && own.latency() > 0) {
            kind = CandidateKind.ENDPOINT;
            subject = slowestOperation(spans, service) + " self time";
        } else if (shift != null && strongest == METRIC_WEIGHT * own.metric() && own.metric() > 0) {
            kind = CandidateKind.METRIC;
            subject = shift.subject();
            onset = Instant.ofEpochMilli(shift.atMillis());
        } else if (flow != null && flow.topNewWarning >= 0) {
            kind = CandidateKind.LOG_PATTERN;
            subject = "\"" + logs.templateShape.get(flow.topNewWarning) + "\" (new: " + flow.topNewWarningCount + " lines in the window, none normally)";
        } else {
            kind = CandidateKind.LOG_PATTERN;
            subject = "new warning statements";
        }
        String explanation = service + " is where this incident most likely starts. " + String.join(" ", sentences);
        return new RootCauseCandidate(0, kind, service, subject, Math.round(score * 1000) / 1000.0, onset, List.copyOf(evidence),
                explanation.strip());
    }

    private static String slowestOperation(SpanEvidence spans, String service) {
        String best = "spans";
        double bestRatio = 0;
        for (Latency op : spans.operations().getOrDefault(service, List.of())) {
            double ratio = selfTimeRatio(op);
            if (Double.isFinite(ratio) && ratio > bestRatio) {
                bestRatio = ratio;
                best = op.operation;
            }
        }
        return best;
    }
}
