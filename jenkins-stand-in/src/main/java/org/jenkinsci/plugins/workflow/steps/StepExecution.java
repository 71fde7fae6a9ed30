package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** One running instance of a step. */
public abstract class StepExecution implements Serializable {

    private final transient StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        return context;
    }

    /** Starts the step; returns {@code true} when it finished synchronously. */
    public abstract boolean start() throws Exception;

    private static final long serialVersionUID = 1L;
}
