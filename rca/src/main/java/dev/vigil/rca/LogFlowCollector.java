package dev.vigil.rca;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.vigil.analytics.patterns.MessageMasker;
import dev.vigil.analytics.search.EventScanner;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.LogEvent;

/**
 * Reads the logs of the reference period and the window and turns them into {@link LogFlows}:
 * every log line as (time, statement, trace), grouped by trace, where the statement is the start
 * of the masked message (see {@link #statement}). Lines are
 * decoded from their stored source for the trace id; at most {@link #MAX_LOGS} are read. Thread-safe.
 */
final class LogFlowCollector {
    static final int MAX_LOGS = 1_000_000;
    /** Keeps a code location such as {@code Impl#457} whole through masking: it names the statement. */
    private static final Pattern CODE_LINE = Pattern.compile("#(\\d+)");
    /** A code location such as {@code c.s.ContactsServiceImpl#37} among the first words of a line. */
    private static final Pattern CODE_LOCATION = Pattern.compile("[A-Za-z_$][\\w.$\\[\\]]*#\\d+");
    static final int CODE_LOCATION_WORDS = 3;

    static final int STATEMENT_TOKENS = 8;
    static final int LONG_WORD = 24;

    private final EventScanner scanner;
    private final MessageMasker masker = new MessageMasker();

    LogFlowCollector(EventPipeline pipeline) {
        this.scanner = new EventScanner(pipeline);
    }

    /** A readable shape of a message: masked, but with code line numbers kept. */
    String shape(String message) {
        String protectedLines = CODE_LINE.matcher(message).replaceAll("#L$1");
        return masker.mask(protectedLines).replace("#L", "#");
    }

    /**
     * The statement a line comes from: the first {@link #STATEMENT_TOKENS} words of its shape. Mined
     * templates are finer than statements (a list of three items and one of four make two), and a
     * flow model must not see a new statement where only a parameter's length changed.
     */
    static String statement(String shape) {
        StringBuilder out = new StringBuilder();
        int words = 0;
        for (String word : shape.split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (words++ == STATEMENT_TOKENS) {
                break;
            }
            // Tokens, keys and hashes the masker leaves (long words with digits) vary per line.
            out.append(word.length() >= LONG_WORD && word.chars().anyMatch(Character::isDigit) ? "<*>" : word).append(' ');
        }
        return out.toString().strip();
    }

    /**
     * The statement of a line: its code location when the line names one among its first words
     * (a logger printing class and line names the statement exactly, whatever values the message
     * carries), else {@link #statement(String)}. Warnings and errors keep their words: one code
     * location (a framework's error handler) writes many different errors.
     */
    static String statement(String shape, boolean warnOrError) {
        if (!warnOrError) {
            int words = 0;
            for (String word : shape.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (words++ == CODE_LOCATION_WORDS) {
                    break;
                }
                if (CODE_LOCATION.matcher(word).matches()) {
                    return word;
                }
            }
        }
        return statement(shape);
    }

    LogFlows collect(AnalysisFrame frame) {
        LogFlows flows = new LogFlows(frame);
        Map<String, Integer> templateIds = new HashMap<>();
        scanner.scanWhile(IndexFields.KIND_LOG, frame.hull(), event -> {
            if (flows.size() >= MAX_LOGS) {
                flows.truncated = true;
                return false;
            }
            if (!(event instanceof LogEvent log)) {
                return true;
            }
            boolean inWindow = frame.window().contains(log.timestampNanos());
            if (!inWindow && !frame.normal(log.timestampNanos())) {
                return true;
            }
            String shape = shape(log.message());
            boolean warnOrError = log.level().compareTo(dev.vigil.ingest.model.Level.WARN) >= 0;
            String key = statement(shape, warnOrError);
            String serviceKey = log.service() + '\u0000' + key;
            Integer id = templateIds.get(serviceKey);
            if (id == null) {
                id = flows.addTemplate(log.service(), warnOrError, shape);
                templateIds.put(serviceKey, id);
            }
            String trace = log.attributes().get("trace_id");
            flows.add(log.timestampNanos(), id, trace == null || trace.isEmpty() ? null : trace, log.attributes().get("span_id"), inWindow);
            return true;
        });
        return flows;
    }

}
