package dev.vigil.analytics.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class TemplateMinerTest {

    @Test
    void valuesByFormKeepKeysBracketsAndNamesWithDigits() {
        assertEquals("<*>:<*> open through proxy <*>:<*> HTTPS",
                MessageShape.of("proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS").key());
        assertEquals("authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*>",
                MessageShape.of("authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ").key());
        assertEquals("Accepted password for root from <*> port <*> ssh2",
                MessageShape.of("Accepted password for root from 10.0.0.1 port 22 ssh2").key(),
                "a literal value groups as a constant (it is shown as <*>, see literalValuesGroupAsConstantsButShowAsVariables)");
        assertEquals("PacketResponder <*> for block <*> terminating",
                MessageShape.of("PacketResponder 1 for block blk_-6952295868487656571 terminating").key());
        assertEquals("generating core.<*>", MessageShape.of("generating core.2275").key());
        assertEquals("Input split: hdfs://<*>", MessageShape.of("Input split: hdfs://10.10.34.11:9000/pjhe/logs/a.log:1+7").key());
        assertEquals("workerEnv.init() ok <*>", MessageShape.of("workerEnv.init() ok /etc/httpd/conf/workers2.properties").key());
        assertEquals("jk2_init() Found child <*> in scoreboard slot <*>", MessageShape.of("jk2_init() Found child 6725 in scoreboard slot 10").key());
        assertEquals("estimated size <*> KB, free <*> KB", MessageShape.of("estimated size 5.2 KB, free 14.0 KB").key());
    }

    @Test
    void aWordWithManyValuesBecomesAVariableAndEarlierIdsResolveToTheMergedTemplate() {
        TemplateMiner miner = new TemplateMiner();
        String first = miner.mine("ssh", "Invalid user webmaster from 10.0.0.1").templateId();
        String second = miner.mine("ssh", "Invalid user oracle from 10.0.0.2").templateId();
        assertNotEquals(first, second, "two values are not yet evidence of a variable");
        String almost = miner.mine("ssh", "Invalid user pi from 10.0.0.5").templateId();
        assertNotEquals(first, almost, "nor are three: a few alternatives at one place are usually constants");
        TemplateMiner.Match third = miner.mine("ssh", "Invalid user guest from 10.0.0.3");

        assertEquals("Invalid user <*> from <*>", third.text());
        assertEquals(List.of("guest", "10.0.0.3"), third.parameters());
        assertEquals(first, third.templateId(), "the oldest template keeps its id");
        assertEquals("Invalid user <*> from <*>", miner.lookup(second).orElseThrow().text());
        assertEquals(first, miner.lookup(second).orElseThrow().id());
        assertEquals(Set.of(first, second, almost), miner.aliases(second));
        assertEquals(1, miner.templates().size());
        assertEquals(Optional.of(List.of("admin", "10.9.9.9")), miner.parameters(second, "Invalid user admin from 10.9.9.9"));
        assertEquals(Optional.empty(), miner.parameters(first, "something else entirely"));
    }

    @Test
    void fewAlternativeConstantsStaySeparateAndShortMessagesDoNotCollapse() {
        TemplateMiner miner = new TemplateMiner();
        for (int i = 0; i < 10; i++) {
            miner.mine("p", "host" + i + ".example.com:80 open through proxy proxy.example.com:5070 HTTPS");
            miner.mine("p", "host" + i + ".example.com:80 open through proxy proxy.example.com:5070 SOCKS5");
        }
        for (String state : List.of("normal", "warning", "running", "unavailable")) {
            miner.mine("p", state);
        }
        miner.mine("p", "onStandStepChanged 3579");
        miner.mine("p", "Launching attempt_1445144423722_0020_m_000000_0");
        miner.mine("p", "ATTEMPT_START task_1445144423722_0020_m_000000");
        Set<String> texts = new HashSet<>();
        miner.templates().forEach(t -> texts.add(t.text()));
        assertTrue(texts.contains("<*>:<*> open through proxy <*>:<*> HTTPS"), texts.toString());
        assertTrue(texts.contains("<*>:<*> open through proxy <*>:<*> SOCKS5"), texts.toString());
        assertTrue(texts.containsAll(List.of("normal", "warning", "running", "unavailable")), texts.toString());
        assertTrue(texts.containsAll(List.of("onStandStepChanged <*>", "Launching <*>", "ATTEMPT_START <*>")), texts.toString());
    }

    @Test
    void servicesDoNotShareTemplatesButTextIsTheMessagesOwn() {
        TemplateMiner miner = new TemplateMiner();
        TemplateMiner.Match a = miner.mine("checkout", "payment took 12 ms");
        TemplateMiner.Match b = miner.mine("billing", "payment took 15 ms");
        assertNotEquals(a.templateId(), b.templateId());
        assertEquals("payment took <*> ms", a.text());
        assertEquals(a.text(), b.text());
        assertEquals(Optional.of("billing"), miner.service(b.templateId()));
    }

    @Test
    void pastTheCapNewShapesJoinTheClosestTemplateOrTheCatchAll() {
        TemplateMiner miner = new TemplateMiner(2, 3);
        miner.mine("s", "alpha beta gamma");
        miner.mine("s", "one two");
        String joined = miner.mine("s", "alpha delta epsilon").templateId();
        String caught = miner.mine("s", "a completely different line of words").templateId();
        assertEquals("alpha <*> <*>", miner.lookup(joined).orElseThrow().text());
        assertEquals("<*>", miner.lookup(caught).orElseThrow().text());
        assertEquals(Optional.of(List.of("more words here")), miner.parameters(caught, "more words here"));
        assertTrue(miner.templates().size() <= 3);
    }

    @Test
    void concurrentMiningGivesEveryMessageATemplateItFits() throws Exception {
        TemplateMiner miner = new TemplateMiner();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String[]>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<String[]> seen = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) {
                        String message = "user u" + (char) ('a' + (i * 7 + thread) % 26) + "z" + (char) ('a' + i % 26)
                                + " did action" + (i % 5) + " in " + i + " ms";
                        seen.add(new String[] {miner.mine("svc", message).templateId(), message});
                    }
                    return seen;
                }));
            }
            for (Future<List<String[]>> result : results) {
                for (String[] seen : result.get()) {
                    assertTrue(miner.parameters(seen[0], seen[1]).isPresent(), "template of '" + seen[1] + "' must fit it");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(miner.templates().size() <= 5, miner.templates().toString());
    }

    @Test
    void aQuantityWithItsUnitIsOneValueSoTheSameMessageKeepsItsLength() {
        TemplateMiner miner = new TemplateMiner();
        List<String> lines = List.of(
                "t12.baidu.com:80 close, 0 bytes sent, 0 bytes received, lifetime 00:17",
                "clients4.google.com:443 close, 4552 bytes (4.44 KB) sent, 1616 bytes (1.57 KB) received, lifetime 04:00",
                "cpro.baidustatic.com:443 close, 334 bytes sent, 3713 bytes (3.62 KB) received, lifetime 00:22",
                "yt3.ggpht.com:443 close, 733 bytes sent, 229 bytes received, lifetime <1 sec",
                "clients6.google.com:443 close, 2867 bytes (2.79 KB) sent, 1014 bytes received, lifetime 05:39",
                "c.baidu.com:80 close, 1052 bytes (1.02 KB) sent, 113 bytes received, lifetime <1 sec",
                "tc.dl.pinyin.sogoucdn.com:80 close, 158 bytes sent, 46624 bytes (45.5 KB) received, lifetime <1 sec");
        List<String> ids = new java.util.ArrayList<>();
        for (String line : lines) {
            ids.add(miner.mine("proxy", line).templateId());
        }
        Set<String> live = new java.util.HashSet<>();
        for (String id : ids) {
            live.add(miner.lookup(id).orElseThrow().id());
        }
        assertEquals(1, live.size(), miner.templates().toString());
        String id = live.iterator().next();
        assertEquals("<*>:<*> close, <*> sent, <*> received, lifetime <*>", miner.lookup(id).orElseThrow().text());
        assertEquals(Optional.of(List.of("t9.baidu.com", "80", "4552 bytes (4.44 KB)", "16 bytes", "<1 sec")),
                miner.parameters(id, "t9.baidu.com:80 close, 4552 bytes (4.44 KB) sent, 16 bytes received, lifetime <1 sec"));
    }

    @Test
    void theFirstWordNamesTheEventAndFewAlternativesStayConstants() {
        TemplateMiner miner = new TemplateMiner();
        for (String verb : List.of("boot", "wait", "halt", "risBoot", "clusterAddMember")) {
            for (int i = 0; i < 3; i++) {
                miner.mine("hpc", verb + "  (command " + (4000 + 17 * i + verb.length()) + ")");
            }
        }
        for (String nic : List.of("ee0", "alt0", "scip0")) {
            for (int node = 1; node < 4; node++) {
                miner.mine("hpc", "NIFF: node node-" + node + " has detected an available network connection on network 10.96.0."
                        + node + " via interface " + nic);
            }
        }
        List<String> texts = miner.templates().stream().map(LogTemplate::text).toList();
        assertTrue(texts.containsAll(List.of("boot (command <*>)", "wait (command <*>)", "halt (command <*>)",
                "risBoot (command <*>)", "clusterAddMember (command <*>)")), texts.toString());
        assertTrue(texts.contains("NIFF: node node-<*> has detected an available network connection on network <*> via interface alt0"),
                texts.toString());
        assertEquals(8, texts.size(), texts.toString());
    }

    @Test
    void literalValuesGroupAsConstantsButShowAsVariables() {
        TemplateMiner miner = new TemplateMiner();
        String prefix = "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=";
        TemplateMiner.Match root = miner.mine("linux", prefix + "218.188.2.4  user=root");
        miner.mine("linux", prefix + "61.53.154.93  user=root");
        TemplateMiner.Match guest = miner.mine("linux", prefix + "211.72.2.106  user=guest");
        assertNotEquals(root.templateId(), guest.templateId(), "user=root and user=guest are different events");
        assertEquals("authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*> user=<*>", root.text());
        assertEquals(4, miner.lookup(root.templateId()).orElseThrow().parameters());
        assertEquals(List.of("0", "0", "218.188.2.4", "root"), root.parameters());
        assertEquals("authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*> user=guest", guest.text());
    }

    @Test
    void markersStayConstantAndNamesWithNumbersJoinTheValuesTheyStandBeside() {
        TemplateMiner miner = new TemplateMiner();
        String marked = miner.mine("hpc", "Fan speeds ( 3534 3534 3375 **** 3497 3479 )").templateId();
        String full = miner.mine("hpc", "Fan speeds ( 3534 3534 3375 3552 3497 3479 )").templateId();
        assertNotEquals(miner.lookup(marked).orElseThrow().id(), miner.lookup(full).orElseThrow().id(),
                "**** marks a missing reading: another event, not a value");

        String small = miner.mine("hpc", "ClusterFileSystem: There is no server for ServerFileSystem domain storage234").templateId();
        String large = miner.mine("hpc", "ClusterFileSystem: There is no server for ServerFileSystem domain storage1412").templateId();
        assertEquals(miner.lookup(small).orElseThrow().id(), miner.lookup(large).orElseThrow().id());
        assertEquals("ClusterFileSystem: There is no server for ServerFileSystem domain <*>", miner.lookup(small).orElseThrow().text());
    }

    @Test
    void pastParticiplesNameEventsHoweverManyThereAre() {
        TemplateMiner miner = new TemplateMiner();
        Set<String> ids = new HashSet<>();
        for (String verb : List.of("Started", "Paused", "Resumed", "Stopped", "Suspended")) {
            ids.add(miner.mine("nova", "[instance: 4a7e-12] VM " + verb + " (Lifecycle Event)").templateId());
        }
        assertEquals(5, ids.size(), "each verb is its own event");
        assertEquals("[instance: <*>] VM Paused (Lifecycle Event)",
                miner.mine("nova", "[instance: 9b1c-77] VM Paused (Lifecycle Event)").text());
        assertEquals(5, miner.templates().size());
    }

    @Test
    void threeNamesAfterAPrepositionAreAnArgumentButNamesWithNumbersStayConstants() {
        TemplateMiner miner = new TemplateMiner();
        String cyrus = miner.mine("pam", "session opened for user cyrus by (uid=0)").templateId();
        String news = miner.mine("pam", "session opened for user news by (uid=0)").templateId();
        assertNotEquals(cyrus, news, "two names are not yet evidence");
        TemplateMiner.Match test = miner.mine("pam", "session opened for user test by (uid=0)");
        assertEquals("session opened for user <*> by (uid=<*>)", test.text());
        assertEquals(cyrus, test.templateId());
        assertEquals(List.of("test", "0"), test.parameters());
        assertNotEquals(cyrus, miner.mine("pam", "session opened for user root by LOGIN(uid=0)").templateId(),
                "a word led by another constant name is not the same value");

        Set<String> interfaces = new HashSet<>();
        for (String name : List.of("ee0", "alt0", "scip0")) {
            interfaces.add(miner.mine("niff", "node node-12 detected a failed connection via interface " + name).templateId());
        }
        assertEquals(3, interfaces.size(), "device names with a number are constants");
        Set<String> keyed = new HashSet<>();
        for (String user : List.of("guest", "test", "adm")) {
            keyed.add(miner.mine("login", "check pass; user=" + user + " unknown").templateId());
        }
        assertEquals(3, keyed.size(), "a keyed value is not an argument of a preposition: it needs four values");
    }

    @Test
    void numberedNamesOfSeveralLabelsAreOneValue() {
        assertEquals("Address change detected. Old: <*>/<*>:<*> New: <*>:<*>",
                MessageShape.of("Address change detected. Old: msra-sa-41/10.190.173.170:8030 New: msra-sa-41:8030").key());
        assertEquals("Starting executor ID <*> on host <*>", MessageShape.of("Starting executor ID 3 on host mesos-slave-07").key());
        assertEquals("domain served by node node-<*>", MessageShape.of("domain served by node node-129").key(),
                "a single label names a kind of thing: only its number is the value");
    }

    @Test
    void aRequestsTargetAndProtocolAreOneValue() {
        assertEquals("<*> \"GET <*>\" status: <*> len: <*>",
                MessageShape.of("10.11.10.1 \"GET /v2/54fa/servers/detail HTTP/1.1\" status: 200 len: 1893").key());
        assertEquals("<*> \"POST <*>\" status: <*>", MessageShape.of("10.0.0.1 \"POST /latest/meta-data/ HTTP/1.0\" status: 201").key(),
                "the target is a value by its place even when its form is not");
        assertEquals("upgrade to HTTP/<*>", MessageShape.of("upgrade to HTTP/2").key(), "a protocol without a request stays as it is");
        assertEquals("GET <*>", MessageShape.of("GET / HTTP/1.1").key());
        assertEquals("Directory index forbidden by rule: <*>", MessageShape.of("Directory index forbidden by rule: /var/www/html/").key(),
                "a directory path ends with a slash");
        TemplateMiner miner = new TemplateMiner();
        TemplateMiner.Match match = miner.mine("api", "10.11.10.1 \"GET /v2/servers HTTP/1.1\" status: 200");
        assertEquals("<*> \"GET <*>\" status: <*>", match.text());
        assertEquals(List.of("10.11.10.1", "/v2/servers HTTP/1.1", "200"), match.parameters());
    }

    @Test
    void whenAUnitVariesEveryUnitOfTheMessageIsPartOfItsValue() {
        TemplateMiner miner = new TemplateMiner();
        for (int i = 1; i <= 4; i++) {
            miner.mine("spark", "Block broadcast_" + i + " stored as values in memory (estimated size " + i + ".2 KB, free 31" + i + ".5 KB)");
        }
        assertEquals("Block <*> stored as values in memory (estimated size <*> KB, free <*> KB)", miner.templates().get(0).text());
        TemplateMiner.Match match = miner.mine("spark", "Block broadcast_5 stored as values in memory (estimated size 384.0 B, free 310.0 KB)");
        assertEquals("Block <*> stored as values in memory (estimated size <*>, free <*>)", match.text());
        assertEquals(List.of("broadcast_5", "384.0 B", "310.0 KB"), match.parameters());
        assertEquals(1, miner.templates().size());

        TemplateMiner fixed = new TemplateMiner();
        for (int i = 1; i <= 5; i++) {
            fixed.mine("nova", "Total memory: " + (64000 + i) + " MB, used: " + i + ".00 MB");
        }
        assertEquals(List.of("Total memory: <*> MB, used: <*> MB"), fixed.templates().stream().map(LogTemplate::text).toList(),
                "a unit that never varies stays written");
    }

    @Test
    void twoWordsThatChangeTogetherBecomeVariablesUnlessTheyAreStates() {
        TemplateMiner miner = new TemplateMiner();
        Set<String> ids = new HashSet<>();
        for (String name : List.of("Alpha", "Beta", "Gamma", "Delta")) {
            ids.add(miner.mine("yarn", "Registering class app.event." + name + "Type for class app.Master$" + name + "Handler").templateId());
        }
        assertEquals(1, miner.templates().size(), "four shapes that differ at the same two places: " + ids);
        assertEquals("Registering class <*> for class <*>", miner.templates().get(0).text());
        assertEquals(3, ids.size(), "the first three were separate; the fourth joins the oldest");

        TemplateMiner states = new TemplateMiner();
        List<String> chain = List.of("NEW", "UNASSIGNED", "ASSIGNED", "RUNNING", "SUCCESS_CONTAINER_CLEANUP", "SUCCEEDED");
        for (int i = 0; i + 1 < chain.size(); i++) {
            states.mine("yarn", "attempt_1445144423722_0020_m_000001_0 TaskAttempt Transitioned from " + chain.get(i) + " to " + chain.get(i + 1));
        }
        assertEquals(5, states.templates().size(), "each transition between named states is its own event");
    }
}
