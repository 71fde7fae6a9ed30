package io.jenkins.plugins.esremote.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.esremote.engine.Authentication;
import io.jenkins.plugins.esremote.engine.ClusterConnection;
import io.jenkins.plugins.esremote.testing.TestCredentialsAccess;
import io.jenkins.plugins.esremote.testing.TestCredentialsStore;
import io.jenkins.plugins.esremote.testing.TestJob;
import io.jenkins.plugins.esremote.testing.TestRun;
import io.jenkins.plugins.esremote.testing.UserPassword;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turning step connection parameters into engine connections. */
class ConnectionResolverTest {

    private final TestCredentialsStore folder = new TestCredentialsStore();
    private final TestCredentialsStore system = new TestCredentialsStore();
    private final EsClustersConfiguration configuration = new EsClustersConfiguration();
    private ConnectionResolver resolver;

    @BeforeEach
    void setUp(@TempDir Path buildDir) throws Exception {
        folder.add(new UserPassword("local-admin", "elastic", "local-password"));
        system.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "remote-key", null, Secret.fromString("ZW5jb2RlZA==")));
        EsClusterConnection local = new EsClusterConnection("prod", "https://es1:9200, https://es2:9200", "local-admin");
        local.setConnectTimeoutSeconds(3);
        local.setSocketTimeoutSeconds(30);
        configuration.setClusters(List.of(local));
        TestRun run = new TestRun(new TestJob("migrate"), buildDir);
        resolver = new ConnectionResolver(new TestCredentialsAccess(folder, system, "builder"), configuration, run);
    }

    private ClusterConnection resolve(String name, String url, String credentialsId) throws AbortException {
        return resolver.resolve("local", "cluster", "url", name, url, credentialsId, null, null);
    }

    @Test
    void configuredConnection() throws Exception {
        ClusterConnection connection = resolve("prod", null, null);

        assertEquals("prod", connection.name());
        assertEquals(List.of(URI.create("https://es1:9200"), URI.create("https://es2:9200")), connection.urls());
        assertEquals(Authentication.Type.BASIC, connection.authentication().type());
        assertEquals("elastic", connection.authentication().username());
        assertEquals(Duration.ofSeconds(3), connection.connectTimeout());
        assertEquals(Duration.ofSeconds(30), connection.socketTimeout());
    }

    @Test
    void inlineConnectionWithApiKey() throws Exception {
        ClusterConnection connection = resolve(null, "https://remote:9200", "remote-key");

        assertEquals("https://remote:9200", connection.name());
        assertEquals(Authentication.Type.API_KEY, connection.authentication().type());
        assertFalse(connection.toString().contains("ZW5jb2RlZA=="));
    }

    @Test
    void unknownClusterNamesConfiguredOnes() {
        AbortException error = assertThrows(AbortException.class, () -> resolve("staging", null, null));

        assertTrue(error.getMessage().contains("'staging'"), error.getMessage());
        assertTrue(error.getMessage().contains("configured: prod"), error.getMessage());
    }

    @Test
    void bothNameAndUrlAreRejected() {
        AbortException error = assertThrows(AbortException.class, () -> resolve("prod", "https://x:9200", "local-admin"));

        assertTrue(error.getMessage().contains("either 'cluster' or 'url'"), error.getMessage());
    }

    @Test
    void neitherNameNorUrlIsRejected() {
        AbortException error = assertThrows(AbortException.class, () -> resolve(null, null, null));

        assertTrue(error.getMessage().contains("Missing local cluster"), error.getMessage());
    }

    @Test
    void inlineWithoutCredentialsIdIsRejected() {
        AbortException error = assertThrows(AbortException.class, () -> resolve(null, "https://x:9200", null));

        assertTrue(error.getMessage().contains("Missing credentials id"), error.getMessage());
    }

    @Test
    void missingCredentialIsReported() {
        AbortException error = assertThrows(AbortException.class, () -> resolve(null, "https://x:9200", "nope"));

        assertTrue(error.getMessage().contains("Credential 'nope'"), error.getMessage());
        assertTrue(error.getMessage().contains("not found"), error.getMessage());
    }

    @Test
    void invalidUrlIsReported() {
        AbortException error = assertThrows(AbortException.class, () -> resolve(null, "ftp://x", "local-admin"));

        assertTrue(error.getMessage().contains("Invalid connection for the local cluster"), error.getMessage());
        assertTrue(error.getMessage().contains("ftp://x"), error.getMessage());
    }

    @Test
    void invalidFingerprintIsReported() {
        AbortException error = assertThrows(AbortException.class,
                () -> resolver.resolve("remote", "remoteCluster", "remoteUrl", null, "https://x:9200",
                        "local-admin", null, "zz"));

        assertTrue(error.getMessage().contains("remote cluster"), error.getMessage());
        assertTrue(error.getMessage().contains("fingerprint"), error.getMessage());
    }
}
