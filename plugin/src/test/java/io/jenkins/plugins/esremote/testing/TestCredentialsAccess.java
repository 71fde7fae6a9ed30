package io.jenkins.plugins.esremote.testing;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;
import io.jenkins.plugins.esremote.credentials.CredentialsAccess;
import io.jenkins.plugins.esremote.credentials.StoreLocation;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * Credentials for tests: lookups search the folder store, then the system store, as a build in
 * that folder would; the build runs as {@link #authentication}.
 */
public final class TestCredentialsAccess implements CredentialsAccess {

    private final TestCredentialsStore folder;
    private final TestCredentialsStore system;
    private final Authentication authentication;

    public TestCredentialsAccess(TestCredentialsStore folder, TestCredentialsStore system, String user) {
        this.folder = folder;
        this.system = system;
        this.authentication = new UsernamePasswordAuthenticationToken(user, null, List.of());
    }

    @Override
    public <C extends IdCredentials> C findCredential(String id, Class<C> type, Run<?, ?> run) {
        for (TestCredentialsStore store : new TestCredentialsStore[] {folder, system}) {
            if (store != null && type.isInstance(store.find(id))) {
                return type.cast(store.find(id));
            }
        }
        return null;
    }

    @Override
    public StoreLocation folderStore(Run<?, ?> run) {
        return folder == null ? null : new StoreLocation(folder, "folder 'team'");
    }

    @Override
    public StoreLocation systemStore(Run<?, ?> run) {
        return new StoreLocation(system, "system");
    }

    @Override
    public Authentication currentAuthentication() {
        return authentication;
    }
}
