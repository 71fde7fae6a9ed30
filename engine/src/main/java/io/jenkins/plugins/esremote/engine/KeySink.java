package io.jenkins.plugins.esremote.engine;

import java.io.IOException;

/**
 * Receives a newly created cross-cluster API key exactly once. The encoded key is the secret the
 * local cluster's keystore needs; the engine passes it nowhere else and overwrites the array when
 * {@link #accept} returns, so an implementation that keeps it must copy it.
 */
@FunctionalInterface
public interface KeySink {

    /**
     * Stores the key, for example as a Jenkins secret text credential. When this throws, the
     * engine invalidates the key on the remote cluster, because its secret would be lost.
     */
    void accept(CrossClusterKey key, char[] encodedKey) throws IOException;
}
