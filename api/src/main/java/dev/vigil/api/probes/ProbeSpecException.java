package dev.vigil.api.probes;

import java.util.List;

/** Probe definitions that cannot be used, with every problem found, each naming the field (and line, for YAML). */
public final class ProbeSpecException extends IllegalArgumentException {
    private final List<String> problems;

    public ProbeSpecException(String source, List<String> problems) {
        super((source == null ? "" : source + ": ") + (problems.size() == 1 ? "invalid probe: " : problems.size()
                + " problems in the probes: ") + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each as {@code field (line N): message}. */
    public List<String> problems() {
        return problems;
    }
}
