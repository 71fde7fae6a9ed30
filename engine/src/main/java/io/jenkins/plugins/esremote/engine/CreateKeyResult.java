package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Map;

/** The created (or previously created) cross-cluster API key, without its secret. */
public final class CreateKeyResult extends PhaseResult {

    private final CrossClusterKey key;
    private final boolean accessDerived;
    private final boolean keystoreWritten;

    CreateKeyResult(
            String cluster,
            String alias,
            Outcome outcome,
            List<String> warnings,
            CrossClusterKey key,
            boolean accessDerived,
            boolean keystoreWritten) {
        super(Phase.CREATE_KEY, cluster, alias, outcome, warnings);
        this.key = key;
        this.accessDerived = accessDerived;
        this.keystoreWritten = keystoreWritten;
    }

    public CrossClusterKey key() {
        return key;
    }

    public boolean accessDerived() {
        return accessDerived;
    }

    /** Whether the engine wrote the key into the local keystores through {@link KeystoreAccess}. */
    public boolean keystoreWritten() {
        return keystoreWritten;
    }

    @Override
    void addDetails(Map<String, Object> map) {
        map.put("keyId", key.id());
        map.put("keyName", key.name());
        map.put("expiration", key.expiration() == null ? null : key.expiration().toString());
        map.put("access", key.access() == null ? null : key.access().toMap());
        map.put("accessDerived", accessDerived);
        map.put("keystoreSetting", key.keystoreSetting());
        map.put("keystoreWritten", keystoreWritten);
    }
}
