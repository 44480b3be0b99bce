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
        assertEquals("Accepted password for <*> from <*> port <*> ssh2",
                MessageShape.of("Accepted password for root from 10.0.0.1 port 22 ssh2").key());
        assertEquals("PacketResponder <*> for block <*> terminating",
                MessageShape.of("PacketResponder 1 for block blk_-6952295868487656571 terminating").key());
        assertEquals("generating core.<*>", MessageShape.of("generating core.2275").key());
        assertEquals("Input split: hdfs://<*>", MessageShape.of("Input split: hdfs://10.10.34.11:9000/pjhe/logs/a.log:1+7").key());
        assertEquals("workerEnv.init() ok <*>", MessageShape.of("workerEnv.init() ok /etc/httpd/conf/workers2.properties").key());
        assertEquals("jk2_init() Found child <*> in scoreboard slot <*>", MessageShape.of("jk2_init() Found child 6725 in scoreboard slot 10").key());
        assertEquals("estimated size <*>, free <*>", MessageShape.of("estimated size 5.2 KB, free 14.0 KB").key());
    }

    @Test
    void aWordWithManyValuesBecomesAVariableAndEarlierIdsResolveToTheMergedTemplate() {
        TemplateMiner miner = new TemplateMiner();
        String first = miner.mine("ssh", "Invalid user webmaster from 10.0.0.1").templateId();
        String second = miner.mine("ssh", "Invalid user oracle from 10.0.0.2").templateId();
        assertNotEquals(first, second, "two values are not yet evidence of a variable");
        TemplateMiner.Match third = miner.mine("ssh", "Invalid user guest from 10.0.0.3");

        assertEquals("Invalid user <*> from <*>", third.text());
        assertEquals(List.of("guest", "10.0.0.3"), third.parameters());
        assertEquals(first, third.templateId(), "the oldest template keeps its id");
        assertEquals("Invalid user <*> from <*>", miner.lookup(second).orElseThrow().text());
        assertEquals(first, miner.lookup(second).orElseThrow().id());
        assertEquals(Set.of(first, second), miner.aliases(second));
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
}
