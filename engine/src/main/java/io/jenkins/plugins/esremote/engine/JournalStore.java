package io.jenkins.plugins.esremote.engine;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps one journal document (JSON text) per {@link JournalKey}. The engine writes the document
 * before every write to a cluster and after its outcome; {@link #write} must replace the
 * document atomically, so a crash leaves either the old or the new version.
 */
public interface JournalStore {

    Optional<String> read(JournalKey key) throws IOException;

    void write(JournalKey key, String json) throws IOException;

    /** Lists the journals this store holds, for a rollback job that looks for them. */
    List<JournalKey> list() throws IOException;

    /**
     * Claims the journal of {@code key} for one open migration until the returned handle is
     * closed, so two runs on the same alias cannot overwrite each other's record. A second claim
     * fails with an {@link IOException} reporting that the journal is in use. Stores that cannot lock
     * keep this default, which claims nothing.
     */
    default Closeable lock(JournalKey key) throws IOException {
        return () -> {};
    }
}
