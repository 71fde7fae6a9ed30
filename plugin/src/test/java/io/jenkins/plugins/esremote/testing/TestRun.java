package io.jenkins.plugins.esremote.testing;

import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** A build whose directory is a test's temporary folder. */
public final class TestRun extends Run<TestJob, TestRun> {

    private final Path rootDir;

    public TestRun(TestJob job, Path rootDir) throws IOException {
        super(job);
        this.rootDir = rootDir;
    }

    @Override
    public File getRootDir() {
        return rootDir.toFile();
    }

    @Override
    public String toString() {
        return getParent().getDisplayName() + " #1";
    }
}
