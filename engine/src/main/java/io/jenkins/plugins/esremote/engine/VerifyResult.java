package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Map;

/**
 * The state of the alias: connected, authenticated with the API key ({@code cluster_credentials}
 * present), the probe search, follower status and the key's expiry. {@link #ok()} is true only
 * when no problem was found.
 */
public final class VerifyResult extends PhaseResult {

    private final boolean connected;
    private final boolean clusterCredentials;
    private final Map<String, Object> remoteInfo;
    private final Map<String, Object> probe;
    private final List<Map<String, Object>> followers;
    private final String keyExpiration;
    private final List<String> problems;

    VerifyResult(String cluster, String alias, List<String> warnings, boolean connected,
            boolean clusterCredentials, Map<String, Object> remoteInfo, Map<String, Object> probe,
            List<Map<String, Object>> followers, String keyExpiration, List<String> problems) {
        super(Phase.VERIFY, cluster, alias, Outcome.CHECKED, warnings);
        this.connected = connected;
        this.clusterCredentials = clusterCredentials;
        this.remoteInfo = remoteInfo;
        this.probe = probe;
        this.followers = followers;
        this.keyExpiration = keyExpiration;
        this.problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public boolean connected() {
        return connected;
    }

    public boolean clusterCredentials() {
        return clusterCredentials;
    }

    public List<String> problems() {
        return problems;
    }

    public Map<String, Object> probe() {
        return probe;
    }

    public List<Map<String, Object>> followers() {
        return followers;
    }

    /** ISO-8601 expiry of the key, {@code never}, or {@code null} when unknown. */
    public String keyExpiration() {
        return keyExpiration;
    }

    @Override
    void addDetails(Map<String, Object> map) {
        map.put("ok", ok());
        map.put("connected", connected);
        map.put("clusterCredentials", clusterCredentials);
        map.put("remoteInfo", remoteInfo);
        map.put("probe", probe);
        map.put("followers", followers);
        map.put("keyExpiration", keyExpiration);
        map.put("problems", problems);
    }
}
