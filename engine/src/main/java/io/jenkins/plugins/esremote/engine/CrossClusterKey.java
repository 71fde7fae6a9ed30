package io.jenkins.plugins.esremote.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link KeySink} learns about a created key besides its secret.
 *
 * @param id the API key id on the remote cluster
 * @param name the API key name
 * @param expiration when it expires, or {@code null} for never
 * @param alias the remote cluster alias on the local cluster
 * @param remoteCluster the remote cluster's name
 * @param access the key's access
 * @param keystoreSetting the secure setting the encoded key belongs in on every local node
 */
public record CrossClusterKey(
        String id,
        String name,
        Instant expiration,
        String alias,
        String remoteCluster,
        KeyAccess access,
        String keystoreSetting) {

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("name", name);
        map.put("expiration", expiration == null ? null : expiration.toString());
        map.put("alias", alias);
        map.put("remoteCluster", remoteCluster);
        map.put("access", access == null ? null : access.toMap());
        map.put("keystoreSetting", keystoreSetting);
        return map;
    }
}
