package io.jenkins.plugins.esremote.pipeline;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;

/** The build of a harness run: build 1 of a job, with a build directory on disk. */
public final class PipelineBuild extends Run<PipelineBuild.PipelineJob, PipelineBuild> {

    private final File rootDir;

    public PipelineBuild(String jobName, File rootDir) throws IOException {
        super(new PipelineJob(jobName));
        this.rootDir = rootDir;
    }

    @Override
    public File getRootDir() {
        return rootDir;
    }

    @Override
    public String toString() {
        return getParent().getDisplayName() + " #1";
    }

    /** The job of the build, in a folder named like the folder credentials store. */
    public static final class PipelineJob extends Job<PipelineJob, PipelineBuild> {

        private final String fullName;

        PipelineJob(String name) {
            super(null, "es-migrations/" + name);
            this.fullName = "es-migrations/" + name;
        }

        @Override
        public String getDisplayName() {
            return fullName;
        }
    }
}
