package io.jenkins.plugins.esremote.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.util.Secret;
import io.jenkins.plugins.esremote.config.EsClustersConfiguration;
import io.jenkins.plugins.esremote.engine.CrossClusterKey;
import io.jenkins.plugins.esremote.engine.KeySink;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.springframework.security.core.Authentication;

/**
 * Writes a new cross-cluster API key into a Secret text credential, under the administrator's
 * rules: the job's folder store unless the system store is allowed and chosen, an id with the
 * configured prefix, and Credentials/Create or Credentials/Update held by the build's own
 * authentication. {@link #prepare} checks all of that before the key exists, so a refused write
 * never leaves an orphaned key on the remote cluster.
 */
public final class KeyCredentialWriter implements KeySink {

    /** The store the credential goes to. */
    public enum Target {
        FOLDER,
        SYSTEM;

        /** Parses the step's {@code credentialsStore} value; {@code null} means the folder. */
        public static Target parse(String value) {
            if (value == null || value.isBlank()) {
                return FOLDER;
            }
            for (Target target : values()) {
                if (target.name().equalsIgnoreCase(value.trim())) {
                    return target;
                }
            }
            throw new IllegalArgumentException(
                    "Invalid credentialsStore '" + value + "': use 'folder' or 'system'.");
        }
    }

    /** The change {@link #accept} made to the credential. */
    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private final StoreLocation location;
    private final String credentialsId;
    private final Authentication authentication;
    private final String buildName;
    private Action action = Action.UNCHANGED;

    private KeyCredentialWriter(
            StoreLocation location, String credentialsId, Authentication authentication, String buildName) {
        this.location = location;
        this.credentialsId = credentialsId;
        this.authentication = authentication;
        this.buildName = buildName;
    }

    /**
     * Chooses the store and id and checks the build may write there; fails with a message that
     * names the rule and the fix.
     */
    public static KeyCredentialWriter prepare(
            CredentialsAccess access,
            EsClustersConfiguration configuration,
            Run<?, ?> run,
            String requestedId,
            String requestedStore,
            String alias)
            throws AbortException {
        String prefix = configuration.getCredentialsIdPrefix();
        String id = requestedId == null || requestedId.isBlank() ? prefix + alias : requestedId.trim();
        if (!ID.matcher(id).matches()) {
            throw new AbortException(
                    "Invalid keyCredentialsId '" + id + "': use letters, digits, '_', '.' or '-'.");
        }
        if (!id.startsWith(prefix)) {
            throw new AbortException(
                    "Invalid keyCredentialsId '" + id + "': it must start with '" + prefix
                            + "', the prefix an administrator set under Manage Jenkins > System > "
                            + "Elasticsearch clusters.");
        }
        Target target;
        try {
            target = Target.parse(requestedStore);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        StoreLocation location = chooseStore(access, configuration, run, target);
        Authentication authentication = access.currentAuthentication();
        KeyCredentialWriter writer = new KeyCredentialWriter(location, id, authentication, String.valueOf(run));
        writer.checkPermission(writer.existing());
        return writer;
    }

    private static StoreLocation chooseStore(
            CredentialsAccess access, EsClustersConfiguration configuration, Run<?, ?> run, Target target)
            throws AbortException {
        if (target == Target.SYSTEM) {
            if (!configuration.isAllowSystemCredentialsStore()) {
                throw new AbortException(
                        "The system credentials store is not allowed for cross-cluster keys: an "
                                + "administrator must tick 'Allow the system credentials store' under "
                                + "Manage Jenkins > System > Elasticsearch clusters, or use "
                                + "credentialsStore: 'folder'.");
            }
            return access.systemStore(run);
        }
        StoreLocation folder = access.folderStore(run);
        if (folder == null) {
            throw new AbortException(
                    "The job is not inside a folder, so there is no folder credentials store for the "
                            + "cross-cluster key: move the job into a folder, or use credentialsStore: "
                            + "'system' if an administrator allows it.");
        }
        return folder;
    }

    @Override
    public void accept(CrossClusterKey key, char[] encodedKey) throws IOException {
        CredentialsStore store = location.store();
        Credentials current = existing();
        checkPermission(current);
        StringCredentialsImpl replacement = new StringCredentialsImpl(
                CredentialsScope.GLOBAL,
                credentialsId,
                "Cross-cluster API key '" + key.name() + "' (id " + key.id() + ") for alias '"
                        + key.alias() + "' on remote cluster '" + key.remoteCluster()
                        + "', written by " + buildName,
                Secret.fromString(new String(encodedKey)));
        boolean written;
        if (current == null) {
            written = store.addCredentials(Domain.global(), replacement);
            action = Action.CREATED;
        } else {
            written = store.updateCredentials(Domain.global(), current, replacement);
            action = Action.UPDATED;
        }
        if (!written) {
            action = Action.UNCHANGED;
            throw new IOException(
                    "Failed to write credential '" + credentialsId + "' to the " + location.description()
                            + " credentials store; if a credential with this id exists that the build "
                            + "cannot see, delete it or choose another keyCredentialsId.");
        }
    }

    private Credentials existing() throws AbortException {
        for (Credentials credentials : location.store().getCredentials(Domain.global())) {
            if (credentials instanceof IdCredentials
                    && credentialsId.equals(((IdCredentials) credentials).getId())) {
                if (!(credentials instanceof StringCredentials)) {
                    throw new AbortException(
                            "Credential '" + credentialsId + "' in the " + location.description()
                                    + " store is not a Secret text credential: choose another "
                                    + "keyCredentialsId or delete it.");
                }
                return credentials;
            }
        }
        return null;
    }

    private void checkPermission(Credentials current) throws AbortException {
        Permission needed = current == null ? CredentialsProvider.CREATE : CredentialsProvider.UPDATE;
        if (authentication == null || !location.store().hasPermission2(authentication, needed)) {
            String user = authentication == null ? "anonymous" : authentication.getName();
            String permission = current == null ? "Credentials/Create" : "Credentials/Update";
            throw new AbortException(
                    "The build runs as '" + user + "', which lacks " + permission + " on the "
                            + location.description() + " credentials store, so credential '"
                            + credentialsId + "' cannot be written. Grant that permission to the "
                            + "build's user (for example through Authorize Project).");
        }
    }

    public String credentialsId() {
        return credentialsId;
    }

    public String storeDescription() {
        return location.description();
    }

    public Action action() {
        return action;
    }
}
