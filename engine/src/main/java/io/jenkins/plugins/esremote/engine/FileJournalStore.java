package io.jenkins.plugins.esremote.engine;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores each journal as {@code <directory>/<cluster uuid>@<alias>.json}, written to a temporary
 * file in the same directory and then moved over the old version atomically. An open migration
 * holds an operating-system lock on {@code <cluster uuid>@<alias>.json.lock} next to it, which
 * also excludes other threads of the same JVM; the lock file stays behind, empty.
 */
public final class FileJournalStore implements JournalStore {

    private final Path directory;

    public FileJournalStore(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("Missing journal directory.");
        }
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Returns the path of the journal file for {@code key}, whether or not it exists yet. */
    public Path path(JournalKey key) {
        return directory.resolve(key.fileName());
    }

    @Override
    public Optional<String> read(JournalKey key) throws IOException {
        Path file = path(key);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Override
    public void write(JournalKey key, String json) throws IOException {
        Files.createDirectories(directory);
        Path target = path(key);
        Path temporary = Files.createTempFile(directory, key.fileName(), ".tmp");
        try {
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "The file system of " + directory + " cannot replace files atomically; "
                                + "choose a journal directory on a local file system.",
                        e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Closeable lock(JournalKey key) throws IOException {
        Path file = directory.resolve(key.fileName() + ".lock");
        FileChannel channel;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("creating the lock file " + file + " failed: " + e, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw new IOException("locking the journal " + path(key) + " failed (" + e.getMessage()
                    + "); choose a journal directory on a file system that supports file locks", e);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the journal " + path(key) + " is in use by another run of this "
                    + "migration (lock file " + file + ")");
        }
        return channel::close;
    }

    @Override
    public List<JournalKey> list() throws IOException {
        List<JournalKey> keys = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*@*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String stem = name.substring(0, name.length() - ".json".length());
                int separator = stem.indexOf('@');
                try {
                    keys.add(new JournalKey(stem.substring(0, separator), stem.substring(separator + 1)));
                } catch (IllegalArgumentException notAJournal) {
                    // A file this store did not write, such as a copy named by hand: list the rest.
                }
            }
        }
        keys.sort((a, b) -> a.toString().compareTo(b.toString()));
        return keys;
    }

    @Override
    public String toString() {
        return "FileJournalStore{" + directory + "}";
    }
}
