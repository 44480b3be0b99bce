package dev.vigil.analytics.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.vigil.ingest.index.IndexFields;
import dev.vigil.ingest.model.Level;
import dev.vigil.ingest.model.LogEvent;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateStoreTest {

    @Test
    void idsAndMergeHistorySurviveARestart(@TempDir Path dir) throws IOException {
        TemplateStore store = TemplateStore.open(dir.resolve("templates"));
        String first = store.mine("ssh", "Invalid user webmaster from 10.0.0.1").templateId();
        String second = store.mine("ssh", "Invalid user oracle from 10.0.0.2").templateId();
        String third = store.mine("ssh", "Invalid user pi from 10.0.0.5").templateId();
        store.mine("ssh", "Invalid user guest from 10.0.0.3");
        String other = store.mine("web", "GET /index.html took 12 ms\nstack line").templateId();
        store.save();
        assertFalse(Files.exists(dir.resolve("templates").resolve(TemplateFile.FILE_NAME + ".tmp")));

        TemplateStore reopened = TemplateStore.open(dir.resolve("templates"));

        assertEquals("Invalid user <*> from <*>", reopened.lookup(second).orElseThrow().text());
        assertEquals(first, reopened.lookup(second).orElseThrow().id());
        assertEquals(java.util.Set.of(first, second, third), reopened.aliases(first));
        assertEquals("GET <*> took <*> ms", reopened.lookup(other).orElseThrow().text());
        assertEquals(2, reopened.templates().size());
        assertEquals(first, reopened.mine("ssh", "Invalid user test from 10.0.0.4").templateId());
        assertEquals(other, reopened.mine("web", "GET /a took 3 ms").templateId(), "same shape, same id after restart");
        assertEquals(java.util.Optional.of(List.of("/a", "3")), reopened.parameters(other, "GET /a took 3 ms"));
    }

    @Test
    void enricherIndexesTemplateAndParametersAndSavesBeforeCommit(@TempDir Path dir) throws IOException {
        TemplateStore store = TemplateStore.open(dir.resolve("templates"));
        TemplateEnricher enricher = new TemplateEnricher(store);
        String longValue = "x".repeat(IndexFields.MAX_KEYWORD_LENGTH + 1);
        try (FSDirectory index = FSDirectory.open(dir.resolve("index"));
             IndexWriter writer = new IndexWriter(index, new IndexWriterConfig())) {
            for (String message : List.of("user alice logged in from 10.0.0.1", "user bob logged in from 10.0.0.3",
                    "user carol logged in from 10.0.0.4", "user " + longValue + " logged in from 10.0.0.2")) {
                Document doc = new Document();
                enricher.enrichLog(new LogEvent(1_700_000_000_000_000_000L, "auth", null, Level.INFO, message, Map.of()), doc);
                writer.addDocument(doc);
            }
            enricher.beforeCommit();
            writer.commit();
        }
        assertTrue(Files.exists(dir.resolve("templates").resolve(TemplateFile.FILE_NAME)));
        TemplateStore reopened = TemplateStore.open(dir.resolve("templates"));
        String id = reopened.templates().get(0).id();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir.resolve("index")))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            // The first three documents carry ids that were merged later; the catalog's aliases find them all.
            int count = 0;
            for (String alias : reopened.aliases(id)) {
                count += searcher.count(new TermQuery(new Term(IndexFields.TEMPLATE, alias)));
            }
            assertEquals(4, count);
            assertEquals(3, reopened.aliases(id).size());
            // Parameters are those of the template current at index time; the catalog re-extracts under the merged one.
            assertEquals(1, searcher.count(new TermQuery(new Term(IndexFields.paramField(1), "10.0.0.1"))));
            assertEquals(java.util.Optional.of(List.of("alice", "10.0.0.1")),
                    reopened.parameters(id, "user alice logged in from 10.0.0.1"));
            assertEquals(1, searcher.count(new TermQuery(new Term(IndexFields.paramField(2), "10.0.0.2"))));
            assertEquals(0, searcher.count(new TermQuery(new Term(IndexFields.paramField(1), longValue))));
        }
    }

    @Test
    void aCorruptFileIsAnErrorNamingTheLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(TemplateFile.FILE_NAME), "vigil-templates 1\nL\tabc\tsvc\tnot-a-number\t0\ttext\n");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> TemplateStore.open(dir));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void wordsWithUnitsAndLiteralsSurviveARestartUnchanged(@TempDir Path dir) throws IOException {
        TemplateStore store = TemplateStore.open(dir.resolve("templates"));
        String sized = store.mine("spark", "Block rdd_2_2 stored as bytes in memory (estimated size 850.0 B, free 320.3 KB)").templateId();
        String root = store.mine("linux", "session closed for user root").templateId();
        store.save();

        TemplateStore reopened = TemplateStore.open(dir.resolve("templates"));

        assertEquals("Block rdd_2_2 stored as bytes in memory (estimated size <*> B, free <*> KB)", reopened.lookup(sized).orElseThrow().text());
        assertEquals(sized, reopened.mine("spark", "Block rdd_2_2 stored as bytes in memory (estimated size 93.0 B, free 12.1 KB)").templateId());
        assertEquals("session closed for user <*>", reopened.lookup(root).orElseThrow().text());
        assertNotEquals(root, reopened.mine("linux", "session closed for user news").templateId(),
                "root stays a constant for grouping after a restart");
    }

    @Test
    void aFileOfTheFirstFormatStillOpens(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(TemplateFile.FILE_NAME), "vigil-templates 1\nL\tabc\tsvc\t1\t0\tuser <*> logged in\n");
        TemplateStore store = TemplateStore.open(dir);
        assertEquals("user <*> logged in", store.lookup("abc").orElseThrow().text());
        assertEquals("abc", store.mine("svc", "user alice logged in").templateId());
    }
}
