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

    /** Longest alias accepted, so {@code <uuid>@<alias>.json.lock} stays under 255 bytes. */
    public static final int MAX_ALIAS_LENGTH = 100;

    private static final int MAX_UUID_LENGTH = 64;

    public JournalKey {
        if (clusterUuid == null || clusterUuid.length() > MAX_UUID_LENGTH
                || !SAFE.matcher(clusterUuid).matches()) {
            throw new IllegalArgumentException(
                    "Invalid cluster UUID '" + clusterUuid + "': expected up to " + MAX_UUID_LENGTH
                            + " letters, digits, '-' or '_'.");
        }
        requireValidAlias(alias);
    }

    /**
     * Returns {@code alias} if it can name a journal file, so callers can reject it before
     * contacting a cluster; otherwise throws an {@link IllegalArgumentException} naming it.
     */
    public static String requireValidAlias(String alias) {
        if (alias == null || alias.length() > MAX_ALIAS_LENGTH || !SAFE.matcher(alias).matches()) {
            throw new IllegalArgumentException(
                    "Invalid remote cluster alias '" + alias + "': expected up to " + MAX_ALIAS_LENGTH
                            + " letters, digits, '-' or '_' as Elasticsearch allows.");
        }
        return alias;
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
