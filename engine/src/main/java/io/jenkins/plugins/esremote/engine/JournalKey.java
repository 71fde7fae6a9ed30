package io.jenkins.plugins.esremote.engine;

import java.util.regex.Pattern;

/**
 * Identifies one journal: the local cluster's UUID and the remote cluster alias being migrated.
 *
 * @param clusterUuid the local cluster's {@code cluster_uuid} from {@code GET /}
 * @param alias the remote cluster alias, as used in {@code cluster.remote.<alias>.*}
 */
public record JournalKey(String clusterUuid, String alias) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-]+");

    public JournalKey {
        if (clusterUuid == null || !SAFE.matcher(clusterUuid).matches()) {
            throw new IllegalArgumentException(
                    "Invalid cluster UUID '" + clusterUuid + "': expected letters, digits, '-' or '_'.");
        }
        if (alias == null || !SAFE.matcher(alias).matches()) {
            throw new IllegalArgumentException(
                    "Invalid remote cluster alias '" + alias
                            + "': expected letters, digits, '-' or '_' as Elasticsearch allows.");
        }
    }

    /** The file name {@link FileJournalStore} uses: {@code <uuid>@<alias>.json}. */
    public String fileName() {
        return clusterUuid + "@" + alias + ".json";
    }

    @Override
    public String toString() {
        return clusterUuid + "/" + alias;
    }
}
