package dev.vigil.rca;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which service calls which, learned from spans: an edge caller → callee for every span whose
 * parent span belongs to another service, with the number of such calls. Not thread-safe while
 * being built; read-only afterwards.
 */
final class CallGraph {
    private final Map<String, Map<String, Long>> callees = new TreeMap<>();
    private final Map<String, Map<String, Long>> callers = new TreeMap<>();

    void add(String caller, String callee) {
        if (caller.equals(callee)) {
            return;
        }
        callees.computeIfAbsent(caller, c -> new TreeMap<>()).merge(callee, 1L, Long::sum);
        callers.computeIfAbsent(callee, c -> new TreeMap<>()).merge(caller, 1L, Long::sum);
    }

    /** The services {@code service} calls. */
    Set<String> callees(String service) {
        return callees.getOrDefault(service, Map.of()).keySet();
    }

    /** The services that call {@code service}. */
    Set<String> callers(String service) {
        return callers.getOrDefault(service, Map.of()).keySet();
    }

    long calls(String caller, String callee) {
        return callees.getOrDefault(caller, Map.of()).getOrDefault(callee, 0L);
    }

    boolean isEmpty() {
        return callees.isEmpty();
    }

    int edges() {
        int n = 0;
        for (Map<String, Long> out : callees.values()) {
            n += out.size();
        }
        return n;
    }
}
