package io.jenkins.plugins.esremote.engine;

/**
 * A phase failed. The message names the phase, the cluster and alias, what Elasticsearch returned
 * (error type and reason, with secrets removed) and what to do next.
 */
public class MigrationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Phase phase;
    private final String cluster;
    private final String alias;
    private final String errorType;
    private final String reason;
    private final String nextStep;

    public MigrationException(
            Phase phase,
            String cluster,
            String alias,
            String errorType,
            String reason,
            String nextStep,
            Throwable cause) {
        super(compose(phase, cluster, alias, errorType, reason, nextStep), cause);
        this.phase = phase;
        this.cluster = cluster;
        this.alias = alias;
        this.errorType = errorType;
        this.reason = reason;
        this.nextStep = nextStep;
    }

    public Phase phase() {
        return phase;
    }

    /** The connection name of the cluster involved. */
    public String cluster() {
        return cluster;
    }

    public String alias() {
        return alias;
    }

    /** Elasticsearch's error type (such as {@code security_exception}), or {@code null}. */
    public String errorType() {
        return errorType;
    }

    public String reason() {
        return reason;
    }

    public String nextStep() {
        return nextStep;
    }

    private static String compose(
            Phase phase, String cluster, String alias, String errorType, String reason, String next) {
        StringBuilder text = new StringBuilder();
        text.append(phase == null ? "migration" : phase.id()).append(" failed");
        if (cluster != null) {
            text.append(" on cluster '").append(cluster).append('\'');
        }
        if (alias != null) {
            text.append(" for alias '").append(alias).append('\'');
        }
        text.append(": ").append(reason == null ? "unknown error" : reason);
        if (errorType != null) {
            text.append(" (Elasticsearch error type: ").append(errorType).append(')');
        }
        if (next != null) {
            text.append(". Next: ").append(next);
        }
        return text.toString();
    }
}
