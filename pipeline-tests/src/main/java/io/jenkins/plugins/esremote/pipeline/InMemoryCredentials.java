package io.jenkins.plugins.esremote.pipeline;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.util.Secret;
import io.jenkins.plugins.esremote.credentials.CredentialsAccess;
import io.jenkins.plugins.esremote.credentials.StoreLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Jenkins credentials held in memory: a folder store (the job's folder) and the system store.
 * Lookups search the folder first, then the system store, as Jenkins does for a job in a folder.
 * The build runs as one user who may create and update credentials in both stores.
 */
public final class InMemoryCredentials implements CredentialsAccess {

    private final MemoryStore folder = new MemoryStore("folder 'es-migrations'");
    private final MemoryStore system = new MemoryStore("system");
    private final Authentication buildUser = new TestingAuthenticationToken("build-user", null, "authenticated");

    /** Adds a "Username with password" credential to the system store. */
    public void addUsernamePassword(String id, String username, String password) {
        system.credentials.add(new UsernamePassword(id, username, Secret.fromString(password)));
    }

    /** Returns the plain text of the Secret text credential {@code id}, as withCredentials binds it. */
    public String secretText(String id) {
        StringCredentials credential = findCredential(id, StringCredentials.class, null);
        if (credential == null) {
            throw new IllegalArgumentException("Could not find credentials entry with ID '" + id + "'");
        }
        return credential.getSecret().getPlainText();
    }

    /** Returns every credential id, folder store first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (MemoryStore store : List.of(folder, system)) {
            for (Credentials credential : store.credentials) {
                ids.add(((IdCredentials) credential).getId());
            }
        }
        return ids;
    }

    @Override
    public <C extends IdCredentials> C findCredential(String id, Class<C> type, Run<?, ?> run) {
        for (MemoryStore store : List.of(folder, system)) {
            for (Credentials credential : store.credentials) {
                if (type.isInstance(credential) && ((IdCredentials) credential).getId().equals(id)) {
                    return type.cast(credential);
                }
            }
        }
        return null;
    }

    @Override
    public StoreLocation folderStore(Run<?, ?> run) {
        return new StoreLocation(folder, folder.description);
    }

    @Override
    public StoreLocation systemStore(Run<?, ?> run) {
        return new StoreLocation(system, system.description);
    }

    @Override
    public Authentication currentAuthentication() {
        return buildUser;
    }

    private static final class MemoryStore extends CredentialsStore {
        private final String description;
        private final List<Credentials> credentials = new CopyOnWriteArrayList<>();

        MemoryStore(String description) {
            this.description = description;
        }

        @Override
        public ModelObject getContext() {
            return () -> description;
        }

        @Override
        public boolean hasPermission2(Authentication a, Permission permission) {
            return true;
        }

        @Override
        public List<Credentials> getCredentials(Domain domain) {
            return List.copyOf(credentials);
        }

        // Like SystemCredentialsProvider: an existing id is not replaced and the result is false.
        @Override
        public boolean addCredentials(Domain domain, Credentials credential) {
            String id = ((IdCredentials) credential).getId();
            for (Credentials existing : credentials) {
                if (((IdCredentials) existing).getId().equals(id)) {
                    return false;
                }
            }
            return credentials.add(credential);
        }

        @Override
        public boolean updateCredentials(Domain domain, Credentials current, Credentials replacement) {
            String id = ((IdCredentials) current).getId();
            if (!id.equals(((IdCredentials) replacement).getId())) {
                throw new IllegalArgumentException("Credentials' IDs do not match, will not update.");
            }
            int index = credentials.indexOf(current);
            if (index < 0) {
                return false;
            }
            credentials.set(index, replacement);
            return true;
        }
    }

    private record UsernamePassword(String id, String username, Secret password)
            implements StandardUsernamePasswordCredentials {

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getUsername() {
            return username;
        }

        @Override
        public Secret getPassword() {
            return password;
        }

        @Override
        public String getDescription() {
            return "cluster user " + username;
        }
    }
}
