package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import io.jenkins.plugins.esremote.testkit.EsNode;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TLS trust against a real node: CA certificate, pinned fingerprint, wrong pin, JDK default. */
@ExtendWith(EsClustersExtension.class)
class TlsTrustTest {

    @TempDir
    Path journals;

    private static Migration open(EsNode node, TlsTrust trust, Path journals) throws MigrationException {
        ClusterConnection connection = ClusterConnection.builder("local")
                .url(node.httpUrl())
                .authentication(Authentication.basic(node.superuser(), node.superuserPassword().toCharArray()))
                .tlsTrust(trust)
                .build();
        return Migration.open(connection, null, "leader", new FileJournalStore(journals), MigrationListener.NONE);
    }

    /** Reads the SHA-256 fingerprint of the node's certificate over a CA-verified socket. */
    private static String serverFingerprint(EsNode node) throws Exception {
        URI url = URI.create(node.httpUrl());
        TlsTrust ca = TlsTrust.caCertificate(node.caCertificate());
        try (SSLSocket socket = (SSLSocket) ca.sslContext().getSocketFactory().createSocket(url.getHost(), url.getPort())) {
            socket.startHandshake();
            return TlsTrust.sha256((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void pinnedFingerprintConnects(EsClusters clusters) throws Exception {
        String fingerprint = serverFingerprint(clusters.local());

        try (Migration migration = open(clusters.local(), TlsTrust.fingerprint(fingerprint), journals)) {
            assertTrue(migration.journalKey().clusterUuid().length() > 0);
        }
    }

    @Test
    void wrongFingerprintRejected(EsClusters clusters) {
        MigrationException error = assertThrows(MigrationException.class,
                () -> open(clusters.local(), TlsTrust.fingerprint("00".repeat(32)), journals));

        assertTrue(error.getMessage().contains("fingerprint"), error.getMessage());
    }

    @Test
    void jdkTrustStoreRejectsTestCa(EsClusters clusters) {
        MigrationException error = assertThrows(MigrationException.class,
                () -> open(clusters.local(), TlsTrust.jdkDefault(), journals));

        assertTrue(error.getMessage().contains("SSLHandshakeException"), error.getMessage());
    }
}
