package hudson.model;

/** A job that produces runs. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        implements Item {

    protected Job(ItemGroup parent, String name) {}
}
