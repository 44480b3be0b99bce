package dev.vigil.analytics.query;

import static dev.vigil.analytics.Pipelines.SECOND;
import static dev.vigil.analytics.Pipelines.T0;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.analytics.Pipelines;
import dev.vigil.analytics.patterns.LogTemplate;
import dev.vigil.analytics.patterns.TemplateCatalog;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.PipelineConfig;
import dev.vigil.ingest.index.DocumentEnricher;
import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.EventKind;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * Events for the query tests, indexed by a real pipeline with a small fixed template table in
 * place of the miner (the index layout is the miner's: {@code template} keyword with sorted doc
 * values, {@code param.N} keywords). Template {@code login-v0} was merged into {@code login}.
 * <ul>
 *   <li>checkout ERROR "payment declined for order N": 4 on host h1, 2 on h2 (template declined)</li>
 *   <li>checkout ERROR "db timeout after N ms": 3 on h1 (template dbtimeout)</li>
 *   <li>checkout WARN "slow query": 2 on h1 (template slow)</li>
 *   <li>payments ERROR "payment declined for order N": 5 on h9 (template declined)</li>
 *   <li>api INFO access logs GET /cart with duration_ms 1..20 (scrambled), one every 20 s from T0;
 *       POST /checkout with 80 90 95 99 101 105 110 120 250 300 ms, every 10 s from T0 + 400 s</li>
 *   <li>auth INFO "user=U took Nms": alice 120, 700, 900; bob 50, 800; one per minute from T0 + 30 s;
 *       the two bob lines carry the merged-away template id login-v0</li>
 *   <li>jsonsvc INFO JSON messages: {"user":{"id":7,"name":"carol"},"ms":640,"tags":["a","b"]} and
 *       {"user":{"id":8,"name":"dave"},"ms":20}; plus one "not json {"</li>
 * </ul>
 */
final class QueryFixture implements DocumentEnricher, TemplateCatalog {
    static final int[] CART_MS = new int[20];
    static final int[] CHECKOUT_MS = {120, 80, 300, 95, 110, 105, 99, 101, 250, 90};

    static {
        for (int i = 0; i < 20; i++) {
            CART_MS[i] = (i * 7) % 20 + 1;
        }
    }

    private static final Map<String, LogTemplate> TEMPLATES = Map.of(
            "declined", new LogTemplate("declined", "payment declined for order <*>", 1),
            "dbtimeout", new LogTemplate("dbtimeout", "db timeout after <*> ms", 1),
            "slow", new LogTemplate("slow", "slow query", 0),
            "login", new LogTemplate("login", "user=<*> took <*>ms", 2));
    private static final Pattern DECLINED = Pattern.compile("payment declined for order (\\d+)");
    private static final Pattern TIMEOUT = Pattern.compile("db timeout after (\\d+) ms");
    private static final Pattern LOGIN = Pattern.compile("user=(\\w+) took (\\d+)ms");

    static List<LogEvent> events() {
        List<LogEvent> events = new ArrayList<>();
        long t = T0 + 1000 * SECOND;
        for (int i = 0; i < 6; i++) {
            events.add(new LogEvent(t += SECOND, "checkout", i < 4 ? "h1" : "h2", Level.ERROR, "payment declined for order " + (100 + i), Map.of()));
        }
        for (int i = 0; i < 3; i++) {
            events.add(new LogEvent(t += SECOND, "checkout", "h1", Level.ERROR, "db timeout after " + (3000 + i) + " ms", Map.of()));
        }
        for (int i = 0; i < 2; i++) {
            events.add(new LogEvent(t += SECOND, "checkout", "h1", Level.WARN, "slow query", Map.of()));
        }
        for (int i = 0; i < 5; i++) {
            events.add(new LogEvent(t += SECOND, "payments", "h9", Level.ERROR, "payment declined for order " + (200 + i), Map.of()));
        }
        for (int i = 0; i < 20; i++) {
            events.add(new LogEvent(T0 + 20L * i * SECOND, "api", "web-1", Level.INFO, "GET /cart 200",
                    Map.of("method", "GET", "route", "/cart", "status", "200", "duration_ms", String.valueOf(CART_MS[i]))));
        }
        for (int j = 0; j < CHECKOUT_MS.length; j++) {
            events.add(new LogEvent(T0 + (400 + 10L * j) * SECOND, "api", "web-2", Level.INFO, "POST /checkout",
                    Map.of("method", "POST", "route", "/checkout", "status", CHECKOUT_MS[j] == 250 ? "503" : "201",
                            "duration_ms", String.valueOf(CHECKOUT_MS[j]))));
        }
        String[] users = {"alice", "bob", "alice", "bob", "alice"};
        int[] ms = {120, 50, 700, 800, 900};
        for (int k = 0; k < users.length; k++) {
            events.add(new LogEvent(T0 + (30 + 60L * k) * SECOND, "auth", "auth-1", Level.INFO,
                    "user=" + users[k] + " took " + ms[k] + "ms", Map.of()));
        }
        events.add(new LogEvent(T0 + 2000 * SECOND, "jsonsvc", null, Level.INFO,
                "{\"user\":{\"id\":7,\"name\":\"carol\"},\"ms\":640,\"tags\":[\"a\",\"b\"]}", Map.of()));
        events.add(new LogEvent(T0 + 2001 * SECOND, "jsonsvc", null, Level.INFO, "{\"user\":{\"id\":8,\"name\":\"dave\"},\"ms\":20}", Map.of()));
        events.add(new LogEvent(T0 + 2002 * SECOND, "jsonsvc", null, Level.INFO, "not json {", Map.of()));
        return events;
    }

    static EventPipeline open(Path dir, QueryFixture templates) throws Exception {
        EventPipeline pipeline = EventPipeline.open(PipelineConfig.defaults(dir), templates);
        Pipelines.appendAll(pipeline, EventKind.LOG, events());
        return pipeline;
    }

    // DocumentEnricher: the miner's layout with a fixed table.

    @Override
    public void enrichLog(LogEvent event, Document doc) {
        String id = null;
        List<String> params = List.of();
        Matcher m;
        if ((m = DECLINED.matcher(event.message())).matches()) {
            id = "declined";
            params = List.of(m.group(1));
        } else if ((m = TIMEOUT.matcher(event.message())).matches()) {
            id = "dbtimeout";
            params = List.of(m.group(1));
        } else if (event.message().equals("slow query")) {
            id = "slow";
        } else if ((m = LOGIN.matcher(event.message())).matches()) {
            id = m.group(1).equals("bob") ? "login-v0" : "login";
            params = List.of(m.group(1), m.group(2));
        }
        if (id != null) {
            doc.add(new StringField(IndexFields.TEMPLATE, id, Field.Store.NO));
            doc.add(new SortedDocValuesField(IndexFields.TEMPLATE, new BytesRef(id)));
            for (int i = 0; i < params.size(); i++) {
                doc.add(new StringField(IndexFields.paramField(i + 1), params.get(i), Field.Store.NO));
            }
        }
    }

    // TemplateCatalog: login-v0 resolves to login.

    @Override
    public Optional<LogTemplate> lookup(String id) {
        return Optional.ofNullable(TEMPLATES.get(id.equals("login-v0") ? "login" : id));
    }

    @Override
    public Set<String> aliases(String id) {
        if (id.equals("login") || id.equals("login-v0")) {
            return Set.of("login", "login-v0");
        }
        return TEMPLATES.containsKey(id) ? Set.of(id) : Set.of();
    }

    @Override
    public List<LogTemplate> templates() {
        return List.copyOf(TEMPLATES.values());
    }

    @Override
    public Optional<List<String>> parameters(String templateId, String message) {
        for (Pattern p : List.of(DECLINED, TIMEOUT, LOGIN)) {
            Matcher m = p.matcher(message);
            if (m.matches()) {
                List<String> values = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    values.add(m.group(g));
                }
                return Optional.of(values);
            }
        }
        return Optional.empty();
    }
}
