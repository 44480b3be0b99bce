package dev.vigil.api.receivers.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.vigil.api.receivers.RsyslogDaemon;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * rsyslog 8.2302's {@code omelasticsearch} (package rsyslog-elasticsearch, run as {@link RsyslogDaemon})
 * ships lines it follows in a file to Vigil's {@code _bulk} in bulk mode with a JSON template. Every
 * tenth line is routed to an index name Elasticsearch refuses, so each bulk mixes stored and refused
 * items: rsyslog must pair Vigil's per-item answers with its own requests ({@code retryFailures}
 * hands every item of a bulk with errors, with its {@code status}, to a ruleset that writes them to
 * a file), its counters must agree, and the search must find exactly the accepted lines.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RsyslogElasticsearchTest {
    private static final int LINES = 60;

    @Test
    void bulkModeDeliversAndReadsPerItemResults(@TempDir Path dir, @TempDir Path work) throws Exception {
        RsyslogDaemon.root(); // fail or skip before starting a node
        String service = "rses" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Path input = work.resolve("input.log");
        Path answered = work.resolve("answered.log");
        Path stats = work.resolve("stats.log");
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            String line = i % 10 == 3
                    ? "invoice " + i + " REFUSED by index name"
                    : "invoice " + i + " paid \"in full\" by C:\\pay caf\u00e9 \ttab";
            (i % 10 == 3 ? refused : accepted).add(line);
            lines.add(line);
        }
        try (EsTestNode node = EsTestNode.start(dir.resolve("vigil"))) {
            String config = "global(workDirectory=\"" + RsyslogDaemon.spoolDirectory(work) + "\" localHostname=\"rs-host\")\n"
                    + "module(load=\"impstats\" interval=\"1\" format=\"json\" resetCounters=\"off\" log.syslog=\"off\""
                    + " log.file=\"" + stats + "\")\n"
                    + "module(load=\"imfile\")\n"
                    + "module(load=\"omelasticsearch\")\n"
                    + "input(type=\"imfile\" File=\"" + input + "\" Tag=\"" + service + "\" Facility=\"local4\" Severity=\"warning\""
                    + " ruleset=\"toVigil\")\n"
                    + template()
                    + "template(name=\"vigil-index\" type=\"string\" string=\"%$.index%\")\n"
                    + "template(name=\"vigil-answer\" type=\"string\" string=\"%$.omes!status% %$.omes!error!type% %msg%\\n\")\n"
                    + "ruleset(name=\"toVigil\") {\n"
                    + "  if ($msg contains \"REFUSED\") then { set $.index = \"Refused Index\"; } else { set $.index = \"rsyslog-it\"; }\n"
                    + "  action(type=\"omelasticsearch\" server=\"127.0.0.1\" serverport=\"" + node.node.port() + "\"\n"
                    + "         searchIndex=\"vigil-index\" dynSearchIndex=\"on\" template=\"vigil-json\"\n"
                    + "         bulkmode=\"on\" esVersion.major=\"8\" retryFailures=\"on\" retryRuleset=\"vigilAnswered\")\n"
                    + "}\n"
                    + "ruleset(name=\"vigilAnswered\") {\n"
                    + "  action(type=\"omfile\" file=\"" + answered + "\" template=\"vigil-answer\")\n"
                    + "}\n";
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            RsyslogDaemon.append(input, lines.subList(0, LINES / 2));
            try (RsyslogDaemon rsyslog = RsyslogDaemon.start(work, config)) {
                awaitSome(node, rsyslog, "service:" + service);
                RsyslogDaemon.append(input, lines.subList(LINES / 2, LINES));
                List<JsonObject> hits = awaitExactly(node, rsyslog, "service:" + service, accepted.size());
                Instant after = Instant.now().plusSeconds(1);
                assertEquals(accepted.stream().sorted().toList(), hits.stream().map(hit -> hit.getString("message")).sorted().toList(),
                        "exactly the accepted lines, with quotes, backslash, tab and UTF-8 intact");
                for (JsonObject hit : hits) {
                    assertEquals("rs-host", hit.getString("host"), hit::encode);
                    assertEquals("warn", hit.getString("level"), hit::encode);
                    JsonObject attributes = hit.getJsonObject("attributes");
                    assertEquals("rsyslog-it", attributes.getString("index"), hit::encode);
                    assertEquals("local4", attributes.getString("facility"), hit::encode);
                    assertEquals(20, attributes.getString("_id").length(), hit::encode);
                    Instant at = Instant.parse(hit.getString("timestamp"));
                    assertTrue(!at.isBefore(before) && at.isBefore(after), () -> at + " not in [" + before + ", " + after + ")");
                }
                assertEquals(0, node.search("REFUSED").size(), "refused items are not stored");

                JsonObject counters = awaitCounters(stats, rsyslog);
                assertEquals(refused.size(), counters.getLong("response.badargument"), counters::encode);
                assertEquals(0, counters.getLong("failed.http") + counters.getLong("failed.httprequests") + counters.getLong("failed.es")
                        + counters.getLong("response.bad") + counters.getLong("response.other"), counters::encode);

                List<String> answers = awaitAnswers(answered, refused.size(), rsyslog);
                List<String> refusedAnswers = answers.stream().filter(a -> !a.startsWith("201 ")).sorted().toList();
                assertEquals(refused.stream().map(line -> "400 invalid_index_name_exception " + line).sorted().toList(), refusedAnswers,
                        "rsyslog paired each 400 item with the line it sent");
                for (String answer : answers) {
                    if (answer.startsWith("201 ")) {
                        assertTrue(accepted.contains(answer.substring("201  ".length())), () -> "a 201 for an accepted line: " + answer);
                    }
                }
                assertEquals(counters.getLong("response.success"), answers.stream().filter(a -> a.startsWith("201 ")).count(),
                        "the stored items of bulks with errors come back as 201");
                assertTrue(rsyslog.isAlive(), rsyslog::describe);
            }
        }
    }

    /**
     * One JSON document per message. Each text property is escaped with {@code format="json"}:
     * the template-wide {@code option.json} leaves TAB and other control characters raw, which
     * Vigil (like Elasticsearch) refuses as malformed JSON; and {@code option.jsonf} ends each
     * document with a newline, which puts blank lines into the bulk body and makes rsyslog pair its
     * requests with the wrong per-item answers.
     */
    private static String template() {
        return """
                template(name="vigil-json" type="list") {
                  constant(value="{\\"@timestamp\\":\\"") property(name="timereported" dateFormat="rfc3339")
                  constant(value="\\",\\"host\\":\\"") property(name="hostname" format="json")
                  constant(value="\\",\\"service\\":\\"") property(name="programname" format="json")
                  constant(value="\\",\\"level\\":\\"") property(name="syslogseverity-text")
                  constant(value="\\",\\"facility\\":\\"") property(name="syslogfacility-text")
                  constant(value="\\",\\"message\\":\\"") property(name="msg" format="json")
                  constant(value="\\"}")
                }
                """;
    }

    private static void awaitSome(EsTestNode node, RsyslogDaemon rsyslog, String query) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (node.search(query).isEmpty()) {
            if (!rsyslog.isAlive() || System.nanoTime() > deadline) {
                fail("nothing arrived for '" + query + "'; " + rsyslog.describe());
            }
            Thread.sleep(100);
        }
    }

    /** Polls (20 s) until {@code query} finds exactly {@code count} logs, oldest first. */
    private static List<JsonObject> awaitExactly(EsTestNode node, RsyslogDaemon rsyslog, String query, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<JsonObject> hits = node.search(query);
        while (hits.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            hits = node.search(query);
        }
        if (hits.size() != count) {
            fail("expected " + count + " logs for '" + query + "', found " + hits.size() + ": " + hits + "\n" + rsyslog.describe());
        }
        return hits;
    }

    /** The omelasticsearch counters from impstats once all lines are submitted (impstats writes every second). */
    private static JsonObject awaitCounters(Path stats, RsyslogDaemon rsyslog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = lastCounters(stats);
            if (last != null && last.getLong("submitted") == LINES) {
                return last;
            }
            Thread.sleep(200);
        }
        fail("omelasticsearch did not count " + LINES + " submitted lines; last counters " + last + "\n" + rsyslog.describe());
        return null;
    }

    private static JsonObject lastCounters(Path stats) throws IOException {
        if (!Files.exists(stats)) {
            return null;
        }
        JsonObject last = null;
        for (String line : Files.readAllLines(stats, StandardCharsets.UTF_8)) {
            int json = line.indexOf('{');
            if (json >= 0 && line.contains("\"origin\": \"omelasticsearch\"")) {
                last = new JsonObject(line.substring(json));
            }
        }
        return last;
    }

    /** The lines the answer ruleset wrote once at least {@code refused} 400 answers are there. */
    private static List<String> awaitAnswers(Path answered, int refused, RsyslogDaemon rsyslog) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> answers = List.of();
        while (System.nanoTime() < deadline) {
            answers = Files.exists(answered) ? Files.readAllLines(answered, StandardCharsets.UTF_8) : List.of();
            if (answers.stream().filter(a -> a.startsWith("400 ")).count() >= refused) {
                return answers;
            }
            Thread.sleep(100);
        }
        fail("rsyslog handed " + answers.size() + " answers to its retry ruleset, expected " + refused + " refusals: " + answers
                + "\n" + rsyslog.describe());
        return null;
    }
}
