package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

/** The context of a running step: its run and listener, and the sink for its outcome. */
public abstract class StepContext implements FutureCallback<Object>, Serializable {

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    private static final long serialVersionUID = 1L;
}
