package io.jenkins.plugins.esremote.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.esremote.config.EsClustersConfiguration;
import io.jenkins.plugins.esremote.engine.CrossClusterKey;
import io.jenkins.plugins.esremote.testing.TestCredentialsAccess;
import io.jenkins.plugins.esremote.testing.TestCredentialsStore;
import io.jenkins.plugins.esremote.testing.TestJob;
import io.jenkins.plugins.esremote.testing.TestRun;
import io.jenkins.plugins.esremote.testing.UserPassword;
import java.io.IOException;
import java.nio.file.Path;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules for where and under which id the key step may write the key credential. */
class KeyCredentialWriterTest {

    private static final CrossClusterKey KEY =
            new CrossClusterKey("key-1", "remote-cluster-leader", null, "leader", "remote", null,
                    "cluster.remote.leader.credentials");

    private final TestCredentialsStore folder = new TestCredentialsStore();
    private final TestCredentialsStore system = new TestCredentialsStore();
    private final EsClustersConfiguration configuration = new EsClustersConfiguration();
    private TestRun run;

    @BeforeEach
    void setUp(@TempDir Path buildDir) throws IOException {
        run = new TestRun(new TestJob("migrate"), buildDir);
    }

    private KeyCredentialWriter prepare(TestCredentialsStore folderStore, String id, String store)
            throws AbortException {
        TestCredentialsAccess access = new TestCredentialsAccess(folderStore, system, "builder");
        return KeyCredentialWriter.prepare(access, configuration, run, id, store, "leader");
    }

    @Test
    void defaultIsFolderStoreAndPrefixedAlias() throws Exception {
        folder.grant("builder", CredentialsProvider.CREATE);

        KeyCredentialWriter writer = prepare(folder, null, null);
        writer.accept(KEY, "c2VjcmV0LWtleQ==".toCharArray());

        StringCredentials written = (StringCredentials) folder.find("es-ccs-leader");
        assertEquals("es-ccs-leader", writer.credentialsId());
        assertEquals("folder 'team'", writer.storeDescription());
        assertEquals(KeyCredentialWriter.Action.CREATED, writer.action());
        assertEquals("c2VjcmV0LWtleQ==", written.getSecret().getPlainText());
        assertEquals(CredentialsScope.GLOBAL, ((StringCredentialsImpl) written).getScope());
        assertTrue(written.getDescription().contains("key-1"), written.getDescription());
        assertTrue(system.all().isEmpty());
    }

    @Test
    void jobOutsideFolderIsRejected() {
        AbortException error = assertThrows(AbortException.class, () -> prepare(null, null, null));

        assertTrue(error.getMessage().contains("not inside a folder"), error.getMessage());
    }

    @Test
    void systemStoreRejectedUnlessAllowed() {
        system.grant("builder", CredentialsProvider.CREATE);

        AbortException error = assertThrows(AbortException.class, () -> prepare(folder, null, "system"));

        assertTrue(error.getMessage().contains("Allow the system credentials store"), error.getMessage());
    }

    @Test
    void systemStoreWhenAllowed() throws Exception {
        configuration.setAllowSystemCredentialsStore(true);
        system.grant("builder", CredentialsProvider.CREATE);

        KeyCredentialWriter writer = prepare(folder, null, "system");
        writer.accept(KEY, "a2V5".toCharArray());

        assertEquals("system", writer.storeDescription());
        assertEquals("a2V5", ((StringCredentials) system.find("es-ccs-leader")).getSecret().getPlainText());
        assertTrue(folder.all().isEmpty());
    }

    @Test
    void idWithoutPrefixIsRejected() {
        folder.grant("builder", CredentialsProvider.CREATE);

        AbortException error = assertThrows(AbortException.class, () -> prepare(folder, "deploy-token", null));

        assertTrue(error.getMessage().contains("must start with 'es-ccs-'"), error.getMessage());
    }

    @Test
    void administratorPrefixApplies() throws Exception {
        configuration.setCredentialsIdPrefix("team-a-es-");
        folder.grant("builder", CredentialsProvider.CREATE);

        KeyCredentialWriter writer = prepare(folder, null, null);

        assertEquals("team-a-es-leader", writer.credentialsId());
        assertThrows(AbortException.class, () -> prepare(folder, "es-ccs-leader", null));
    }

    @Test
    void invalidIdCharactersAreRejected() {
        folder.grant("builder", CredentialsProvider.CREATE);

        AbortException error = assertThrows(AbortException.class, () -> prepare(folder, "es-ccs-a b", null));

        assertTrue(error.getMessage().contains("Invalid keyCredentialsId"), error.getMessage());
    }

    @Test
    void missingCreatePermissionIsRejected() {
        folder.grant("someone-else", CredentialsProvider.CREATE);

        AbortException error = assertThrows(AbortException.class, () -> prepare(folder, null, null));

        assertTrue(error.getMessage().contains("'builder'"), error.getMessage());
        assertTrue(error.getMessage().contains("Credentials/Create"), error.getMessage());
    }

    @Test
    void existingCredentialNeedsUpdatePermission() {
        folder.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "es-ccs-leader", "old", Secret.fromString("old")));
        folder.grant("builder", CredentialsProvider.CREATE);

        AbortException error = assertThrows(AbortException.class, () -> prepare(folder, null, null));

        assertTrue(error.getMessage().contains("Credentials/Update"), error.getMessage());
    }

    @Test
    void existingCredentialIsUpdated() throws Exception {
        StringCredentialsImpl old =
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "es-ccs-leader", "old", Secret.fromString("old"));
        folder.add(old);
        folder.grant("builder", CredentialsProvider.UPDATE);

        KeyCredentialWriter writer = prepare(folder, null, null);
        writer.accept(KEY, "bmV3".toCharArray());

        assertEquals(KeyCredentialWriter.Action.UPDATED, writer.action());
        assertEquals(1, folder.all().size());
        assertEquals("bmV3", ((StringCredentials) folder.find("es-ccs-leader")).getSecret().getPlainText());
    }

    @Test
    void existingCredentialOfOtherKindIsRejected() {
        folder.add(new UserPassword("es-ccs-leader", "elastic", "secret-password"));
        folder.grant("builder", CredentialsProvider.UPDATE);

        AbortException error = assertThrows(AbortException.class, () -> prepare(folder, null, null));

        assertTrue(error.getMessage().contains("not a Secret text credential"), error.getMessage());
    }

    @Test
    void refusedAddIsAnError() throws Exception {
        TestCredentialsStore hiding = new TestCredentialsStore() {
            @Override
            public boolean addCredentials(
                    com.cloudbees.plugins.credentials.domains.Domain domain,
                    com.cloudbees.plugins.credentials.Credentials value) {
                return false;
            }
        };
        hiding.grant("builder", CredentialsProvider.CREATE);
        KeyCredentialWriter writer = prepare(hiding, null, null);

        IOException error = assertThrows(IOException.class, () -> writer.accept(KEY, "a2V5".toCharArray()));

        assertTrue(error.getMessage().contains("Failed to write credential 'es-ccs-leader'"), error.getMessage());
        assertSame(KeyCredentialWriter.Action.UNCHANGED, writer.action());
        assertNull(hiding.find("es-ccs-leader"));
    }
}
