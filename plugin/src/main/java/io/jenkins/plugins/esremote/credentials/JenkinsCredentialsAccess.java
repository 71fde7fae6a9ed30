package io.jenkins.plugins.esremote.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.ItemGroup;
import hudson.model.ModelObject;
import hudson.model.Run;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Reaches the credentials of a running Jenkins through the credentials plugin's API.
 *
 * <p>NOTE: the tests in this repository replace this class with in-memory stores, so the store
 * order of {@code lookupStores} (nearest folder first) is taken from the credentials plugin's
 * sources and only exercised by a build against real Jenkins.
 */
public final class JenkinsCredentialsAccess implements CredentialsAccess {

    @Override
    public <C extends IdCredentials> C findCredential(String id, Class<C> type, Run<?, ?> run) {
        return CredentialsProvider.findCredentialById(id, type, run);
    }

    /** Walks the stores from the job outwards and returns the first one that belongs to a folder. */
    @Override
    public StoreLocation folderStore(Run<?, ?> run) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(run.getParent())) {
            ModelObject context = store.getContext();
            if (context instanceof ItemGroup && !(context instanceof Jenkins)) {
                return new StoreLocation(store, "folder '" + context.getDisplayName() + "'");
            }
        }
        return null;
    }

    @Override
    public StoreLocation systemStore(Run<?, ?> run) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(run.getParent())) {
            if (store.getContext() instanceof Jenkins) {
                return new StoreLocation(store, "system");
            }
        }
        throw new IllegalStateException("Jenkins offers no system credentials store.");
    }

    @Override
    public Authentication currentAuthentication() {
        return Jenkins.getAuthentication2();
    }
}
