package io.jenkins.plugins.esremote.steps;

import io.jenkins.plugins.esremote.config.EsClustersConfiguration;
import io.jenkins.plugins.esremote.credentials.CredentialsAccess;
import io.jenkins.plugins.esremote.credentials.JenkinsCredentialsAccess;
import java.nio.file.Path;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * The Jenkins-bound services the steps use: credentials, the global configuration and the Jenkins
 * home directory. Jenkins builds the steps itself, so tests cannot pass collaborators in; they
 * install in-memory ones with {@link #use} instead.
 */
public final class PluginServices {

    private static final PluginServices JENKINS = new PluginServices(
            new JenkinsCredentialsAccess(),
            EsClustersConfiguration::get,
            () -> Jenkins.get().getRootDir().toPath());

    private static volatile PluginServices installed;

    private final CredentialsAccess credentials;
    private final Supplier<EsClustersConfiguration> configuration;
    private final Supplier<Path> jenkinsHome;

    public PluginServices(
            CredentialsAccess credentials,
            Supplier<EsClustersConfiguration> configuration,
            Supplier<Path> jenkinsHome) {
        this.credentials = credentials;
        this.configuration = configuration;
        this.jenkinsHome = jenkinsHome;
    }

    /** Returns the installed services, or those of the running Jenkins. */
    public static PluginServices get() {
        PluginServices current = installed;
        return current == null ? JENKINS : current;
    }

    /**
     * Installs {@code services} for every step until the returned handle is closed. Meant for
     * tests outside Jenkins; only one set can be installed at a time.
     */
    public static AutoCloseable use(PluginServices services) {
        installed = services;
        return () -> installed = null;
    }

    public CredentialsAccess credentials() {
        return credentials;
    }

    public EsClustersConfiguration configuration() {
        return configuration.get();
    }

    /** Returns the journal directory under the Jenkins home. */
    public Path journalDirectory() {
        return jenkinsHome.get().resolve("es-remote-migration").resolve("journals");
    }
}
