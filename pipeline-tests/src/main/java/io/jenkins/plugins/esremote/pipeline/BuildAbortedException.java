package io.jenkins.plugins.esremote.pipeline;

/**
 * Replaces, in tests, Jenkins' {@code FlowInterruptedException}, which an aborted {@code input}
 * or an expired {@code timeout} throws. Like that exception it extends
 * {@link InterruptedException}, which the shared library checks to tell an abort from a failure.
 */
public class BuildAbortedException extends InterruptedException {

    private final String user;

    public BuildAbortedException(String message, String user) {
        super(message);
        this.user = user;
    }

    /** Returns the user who aborted, or null when a timeout did. */
    public String getUser() {
        return user;
    }

    private static final long serialVersionUID = 1L;
}
