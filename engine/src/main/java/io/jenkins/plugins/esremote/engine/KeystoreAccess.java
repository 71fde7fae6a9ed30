package io.jenkins.plugins.esremote.engine;

import java.io.IOException;

/**
 * Writes secure settings into the keystore of every node of the local cluster. The keystore lives
 * on each node's disk, so this is not a REST operation: an implementation runs
 * {@code bin/elasticsearch-keystore} on the nodes (over SSH, an agent command or a test harness).
 */
public interface KeystoreAccess {

    /** Adds or replaces {@code name} with {@code value} on every local node. */
    void addSecureSetting(String name, char[] value) throws IOException;

    /** Removes {@code name} from every local node; a missing entry is not an error. */
    void removeSecureSetting(String name) throws IOException;

    /** A short description for logs, such as the nodes it reaches; never a secret. */
    default String description() {
        return getClass().getSimpleName();
    }
}
