package hudson.model;

import java.io.File;
import java.io.IOException;

/** One build of a {@link Job}. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {

    private final JobT project;

    protected Run(JobT job) throws IOException {
        this.project = job;
    }

    public JobT getParent() {
        return project;
    }

    /** Real Jenkins derives the build directory from the job; the stand-in has none. */
    public File getRootDir() {
        throw new IllegalStateException("The stand-in run " + this + " has no build directory.");
    }
}
