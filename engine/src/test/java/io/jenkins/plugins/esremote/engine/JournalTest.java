package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path directory;

    @Test
    void storeReplacesAndLists() throws Exception {
        FileJournalStore store = new FileJournalStore(directory);
        JournalKey key = new JournalKey("Abc_12-x", "leader");

        store.write(key, "{\"a\":1}");
        store.write(key, "{\"a\":2}");

        assertEquals("{\"a\":2}", store.read(key).orElseThrow());
        assertEquals(List.of(key), store.list());
        try (var files = Files.list(directory)) {
            assertEquals(1, files.count(), "temporary files left behind");
        }
    }

    @Test
    void missingJournalIsEmpty() throws Exception {
        assertTrue(new FileJournalStore(directory).read(new JournalKey("u", "a")).isEmpty());
    }

    @Test
    void aliasWithSlashRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new JournalKey("uuid", "../etc"));

        assertTrue(error.getMessage().contains("'../etc'"), error.getMessage());
    }

    @Test
    void journalRoundTrips() throws Exception {
        Journal journal = new Journal();
        journal.alias = "leader";
        journal.originalSettings = Map.of("persistent", Map.of("cluster.remote.leader.mode", "sniff"));
        journal.record(Phase.DISCONNECT, "local", "remove", "intent", null);

        Journal read = Journal.fromJson(journal.toJson());

        assertEquals(journal.originalSettings, read.originalSettings);
        assertEquals("disconnect", read.entries.get(0).phase);
        assertEquals(Journal.SCHEMA_VERSION, read.schemaVersion);
    }

    @Test
    void newerSchemaRejected() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Journal.fromJson("{\"schemaVersion\":99}"));

        assertTrue(error.getMessage().contains("upgrade"), error.getMessage());
    }
}
