package io.jenkins.plugins.esremote.engine;

/**
 * Options of {@code rollback}. {@code keystoreEntryRemoved}: the operator confirms that
 * {@code cluster.remote.<alias>.credentials} is gone from every local node's keystore (needed
 * when no {@link KeystoreAccess} is configured and the credentials had been written).
 * {@code invalidateKey}: invalidate the created cross-cluster key on the remote cluster.
 */
public record RollbackRequest(boolean keystoreEntryRemoved, boolean invalidateKey) {

    public static RollbackRequest defaults() {
        return new RollbackRequest(false, true);
    }

    public RollbackRequest withKeystoreEntryRemoved(boolean value) {
        return new RollbackRequest(value, invalidateKey);
    }

    public RollbackRequest withInvalidateKey(boolean value) {
        return new RollbackRequest(keystoreEntryRemoved, value);
    }
}
