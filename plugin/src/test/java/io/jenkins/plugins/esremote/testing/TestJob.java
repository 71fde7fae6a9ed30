package io.jenkins.plugins.esremote.testing;

import hudson.model.Job;

/** A job for tests outside Jenkins. */
public final class TestJob extends Job<TestJob, TestRun> {

    private final String name;

    public TestJob(String name) {
        super(null, name);
        this.name = name;
    }

    @Override
    public String getDisplayName() {
        return name;
    }
}
