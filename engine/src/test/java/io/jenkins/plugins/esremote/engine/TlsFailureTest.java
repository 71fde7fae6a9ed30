package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS failures against a loopback HTTPS server with a self-signed certificate made by the JDK's
 * keytool: each must fail, name the URL and say which trust setting to give.
 */
class TlsFailureTest {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    Path directory;

    @Test
    void untrustedCertificateNamesUrlAndFix() throws Exception {
        try (Server server = new Server(keyStore("ip:127.0.0.1"))) {
            MigrationException error = assertThrows(MigrationException.class,
                    () -> open(server, TlsTrust.jdkDefault()));

            assertTrue(error.getMessage().contains(server.url()), error.getMessage());
            assertTrue(error.getMessage().contains("caCertificate"), error.getMessage());
        }
    }

    @Test
    void wrongFingerprintNamesUrl() throws Exception {
        try (Server server = new Server(keyStore("ip:127.0.0.1"))) {
            MigrationException error = assertThrows(MigrationException.class,
                    () -> open(server, TlsTrust.fingerprint("00".repeat(32))));

            assertTrue(error.getMessage().contains(server.url()), error.getMessage());
            assertTrue(error.getMessage().contains("fingerprint"), error.getMessage());
        }
    }

    @Test
    void pinnedCertificateConnects() throws Exception {
        KeyStore store = keyStore("ip:127.0.0.1");
        try (Server server = new Server(store)) {
            MigrationException error = assertThrows(MigrationException.class,
                    () -> open(server, TlsTrust.fingerprint(fingerprint(store))));

            assertEquals("security_exception", error.errorType(), error.getMessage());
        }
    }

    @Test
    void hostnameCheckedDespitePin() throws Exception {
        KeyStore store = keyStore("dns:other.example");
        try (Server server = new Server(store)) {
            MigrationException error = assertThrows(MigrationException.class,
                    () -> open(server, TlsTrust.fingerprint(fingerprint(store))));

            assertTrue(error.getMessage().contains(server.url()), error.getMessage());
            assertTrue(error.getMessage().contains("host name"), error.getMessage());
        }
    }

    @Test
    void pinnedCaAppendedByImpostorRejected() throws Exception {
        KeyStore ca = keyStore("dns:ca.example");
        KeyStore impostor = keyStore("ip:127.0.0.1");
        impostor.setKeyEntry("server", impostor.getKey("server", STORE_PASSWORD), STORE_PASSWORD,
                new Certificate[] {impostor.getCertificate("server"), ca.getCertificate("server")});
        try (Server server = new Server(impostor)) {
            MigrationException error = assertThrows(MigrationException.class,
                    () -> open(server, TlsTrust.fingerprint(fingerprint(ca))));

            assertTrue(error.getMessage().contains("caCertificate"), error.getMessage());
        }
    }

    private Migration open(Server server, TlsTrust trust) throws MigrationException {
        ClusterConnection connection = ClusterConnection.builder("tls")
                .url(server.url())
                .authentication(Authentication.basic("elastic", "tls-test".toCharArray()))
                .tlsTrust(trust)
                .build();
        return Migration.open(connection, null, "leader", new FileJournalStore(directory.resolve("journals")), null);
    }

    /** Makes a PKCS#12 key store with one self-signed EC certificate for {@code subjectAlternativeName}. */
    private KeyStore keyStore(String subjectAlternativeName) throws Exception {
        Path file = directory.resolve("server-" + subjectAlternativeName.replace(':', '-') + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=es-test",
                        "-ext", "SAN=" + subjectAlternativeName, "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", file.toString(), "-storepass", new String(STORE_PASSWORD)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool timed out");
        assertEquals(0, process.exitValue(), output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, STORE_PASSWORD);
        }
        return store;
    }

    private static String fingerprint(KeyStore store) throws Exception {
        return TlsTrust.sha256((X509Certificate) store.getCertificate("server"));
    }

    /** A loopback HTTPS server that rejects every request as Elasticsearch does without credentials. */
    private static final class Server implements AutoCloseable {
        private final HttpsServer server;

        Server(KeyStore store) throws Exception {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            server.createContext("/", exchange -> {
                byte[] body = ("{\"error\":{\"type\":\"security_exception\",\"reason\":\"missing "
                        + "authentication credentials\"},\"status\":401}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
                exchange.sendResponseHeaders(401, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String url() {
            return "https://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
