package dev.vigil.analytics.patterns.loghub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoghubFilesTest {

    @Test
    void headerFormatCutsOffTheHeaderIncludingOptionalParts() {
        LogFormat linux = LogFormat.parse("<Month> <Date> <Time> <Level> <Component>([<PID>])?: <Content>");
        assertEquals("check pass; user unknown", linux.content("Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown"));
        assertEquals("ok", linux.content("Jun 14 15:16:02 combo kernel: ok"));
        LogFormat health = LogFormat.parse("<Time>|<Component>|<Pid>|<Content>");
        assertEquals("onStandStepChanged 3579", health.content("20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579"));
        assertNull(health.content("no pipes here"));
        assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("<Date> <Time>"));
    }

    @Test
    void csvReadsQuotedFieldsAndQuotesWhatNeedsIt() {
        List<List<String>> rows = Csv.parse("LineId,EventTemplate\n1,\"a, \"\"b\"\"\"\n2,plain\n");
        assertEquals(List.of("1", "a, \"b\""), rows.get(1));
        assertEquals(List.of("2", "plain"), rows.get(2));
        assertEquals("\"a, \"\"b\"\"\"", Csv.quote("a, \"b\""));
        assertEquals("plain", Csv.quote("plain"));
    }

    @Test
    void benchmarkScoresADirectoryAndWritesStructuredFiles(@TempDir Path dir) throws IOException {
        Path sys = Files.createDirectories(dir.resolve("Tiny"));
        Files.writeString(sys.resolve(LoghubLayout.FORMAT_FILE), "<Level>: <Content>\n");
        StringBuilder log = new StringBuilder();
        StringBuilder truth = new StringBuilder("LineId,Level,Content,EventId,EventTemplate\n");
        for (int i = 1; i <= 20; i++) {
            String content = i % 2 == 0 ? "took " + i + " ms" : "user u" + (char) ('a' + i) + "x logged in";
            String template = i % 2 == 0 ? "took <*> ms" : "user <*> logged in";
            log.append("INFO: ").append(content).append('\n');
            truth.append(i).append(",INFO,").append(content).append(",E").append(i % 2).append(',').append(template).append('\n');
        }
        Files.writeString(sys.resolve("Tiny_2k.log"), log);
        Files.writeString(sys.resolve("Tiny_2k.log_structured.csv"), truth);
        Path out = dir.resolve("out");

        LoghubBenchmark.Result result = LoghubBenchmark.run(dir, out);

        assertEquals(1, result.systems().size());
        LoghubBenchmark.SystemResult tiny = result.systems().get(0);
        assertEquals(1.0, tiny.published().groupingAccuracy(), 1e-9);
        assertEquals(1.0, tiny.corrected().parsingAccuracy(), 1e-9);
        assertTrue(result.linesPerSecond() > 0);
        List<String> written = Files.readAllLines(out.resolve("Tiny_2k.log_structured.csv"));
        assertEquals("LineId,EventTemplate", written.get(0));
        assertEquals("1,user <*> logged in", written.get(1));
        assertEquals(21, written.size());
    }

    @Test
    void aDirectoryWithoutSystemsIsAnErrorNamingTheLayout(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> LoghubBenchmark.run(dir, null));
        assertTrue(e.getMessage().contains("_2k.log"), e.getMessage());
        assertThrows(IOException.class, () -> LoghubBenchmark.run(dir.resolve("missing"), null));
    }
}
