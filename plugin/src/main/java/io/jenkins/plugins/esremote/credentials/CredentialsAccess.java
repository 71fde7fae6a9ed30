package io.jenkins.plugins.esremote.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;
import org.springframework.security.core.Authentication;

/**
 * The plugin's only way to Jenkins credentials and the build's authentication, so tests can put
 * in-memory stores in place of Jenkins. {@link JenkinsCredentialsAccess} is the real one.
 */
public interface CredentialsAccess {

    /** Finds a credential the build may use, or returns {@code null}. */
    <C extends IdCredentials> C findCredential(String id, Class<C> type, Run<?, ?> run);

    /** Returns the store of the folder nearest to the build's job, or {@code null} at top level. */
    StoreLocation folderStore(Run<?, ?> run);

    /** Returns the Jenkins-wide (system) store. */
    StoreLocation systemStore(Run<?, ?> run);

    /** Returns the authentication the build runs as, never escalated. */
    Authentication currentAuthentication();
}
