package io.jenkins.plugins.esremote.engine;

/**
 * What the plan should preview: the key, the role grants and the reconnect settings the later
 * phases will use. Each part may be {@code null} for its default.
 */
public record PlanRequest(
        CreateKeyRequest key, GrantPrivilegesRequest privileges, ReconnectRequest reconnect) {

    public PlanRequest {
        key = key == null ? CreateKeyRequest.derived() : key;
        privileges = privileges == null ? GrantPrivilegesRequest.none() : privileges;
        reconnect = reconnect == null ? ReconnectRequest.defaults() : reconnect;
    }

    public static PlanRequest defaults() {
        return new PlanRequest(null, null, null);
    }
}
