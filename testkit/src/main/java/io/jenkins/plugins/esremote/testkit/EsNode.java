package io.jenkins.plugins.esremote.testkit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One single-node Elasticsearch cluster started by testkit, and the clients and helpers tests use
 * on it.
 */
public final class EsNode {

    private static final String SUPERUSER = "elastic";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clusterName;
    private final NodeProcess process;
    private final Path caCertificate;
    private final String caFingerprint;
    private final String superuserPassword;
    private final boolean remoteClusterServer;
    private final SSLContext sslContext;
    private final Map<String, ElasticsearchClient> clients = new ConcurrentHashMap<>();
    private String httpAddress;
    private String transportAddress;
    private String remoteClusterAddress;

    EsNode(String clusterName, NodeProcess process, Path caCertificate, String caFingerprint, String superuserPassword,
            boolean remoteClusterServer) {
        this.clusterName = clusterName;
        this.process = process;
        this.caCertificate = caCertificate;
        this.caFingerprint = caFingerprint;
        this.superuserPassword = superuserPassword;
        this.remoteClusterServer = remoteClusterServer;
        this.sslContext = trusting(caCertificate);
    }

    /** Reads the bound addresses once the node has started. */
    void started() {
        httpAddress = process.boundAddress("http");
        transportAddress = process.boundAddress("transport");
        if (remoteClusterServer) {
            remoteClusterAddress = process.boundAddress("remote_cluster");
        }
    }

    NodeProcess process() {
        return process;
    }

    /**
     * Waits until the superuser can authenticate and the cluster is at least yellow. Right after
     * start the {@code .security} index may exist without an active primary, and authentication
     * then fails with 401 for a moment.
     */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Request health = new Request("GET", "/_cluster/health");
        health.addParameter("wait_for_status", "yellow");
        health.addParameter("timeout", "10s");
        while (true) {
            try {
                restClient().performRequest(health);
                return;
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if ((status != 401 && status != 503 && status != 408) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster " + clusterName + " is not ready: " + e.getMessage() + ". See " + logFile(), e);
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("cluster " + clusterName + " is not ready. See " + logFile(), e);
                }
            }
            EsClusters.sleep(200);
        }
    }

    /** Returns the cluster name, {@code local} or {@code remote}. */
    public String clusterName() {
        return clusterName;
    }

    /** Returns the HTTPS URL of the node, such as {@code https://127.0.0.1:41234}. */
    public String httpUrl() {
        return "https://" + httpAddress;
    }

    /** Returns the transport address ({@code 127.0.0.1:<port>}), where certificate-model remotes connect. */
    public String transportAddress() {
        return transportAddress;
    }

    /** Returns the remote cluster server address ({@code 127.0.0.1:<port>}), where API-key remotes connect. */
    public String remoteClusterAddress() {
        if (remoteClusterAddress == null) {
            throw new IllegalStateException("cluster " + clusterName + " has no remote cluster server: use the remote cluster");
        }
        return remoteClusterAddress;
    }

    /** Returns the PEM file of the test CA that signs every node certificate. */
    public Path caCertificate() {
        return caCertificate;
    }

    /** Returns the SHA-256 fingerprint of the test CA certificate, lower-case hex. */
    public String caFingerprint() {
        return caFingerprint;
    }

    public String superuser() {
        return SUPERUSER;
    }

    public String superuserPassword() {
        return superuserPassword;
    }

    /** Returns a typed client authenticated as the superuser. testkit closes it when the tests end. */
    public ElasticsearchClient client() {
        return client(SUPERUSER, superuserPassword);
    }

    /** Returns a typed client authenticated as the given user. testkit closes it when the tests end. */
    public ElasticsearchClient client(String user, String password) {
        return clients.computeIfAbsent(user + '\u0000' + password, key -> {
            RestClient restClient = newRestClient(user, password);
            return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
        });
    }

    /** Returns the low-level REST client of the superuser. testkit closes it when the tests end. */
    public RestClient restClient() {
        return ((RestClientTransport) client()._transport()).restClient();
    }

    /** Creates or updates a native user with the given roles. */
    public void createUser(String name, String password, String... roles) {
        try {
            client().security().putUser(u -> u.username(name).password(password).roles(Arrays.asList(roles)));
        } catch (IOException e) {
            throw new UncheckedIOException("failed to create user " + name + " on " + clusterName, e);
        }
    }

    /** Creates or updates a role from its JSON definition, as {@code PUT /_security/role/<name>} takes it. */
    public void putRole(String name, String json) {
        Request request = new Request("PUT", "/_security/role/" + name);
        request.setJsonEntity(json);
        perform(request);
    }

    /**
     * Creates a REST API key for the superuser and returns its encoded form. {@code
     * roleDescriptorsJson} is the {@code role_descriptors} object, or null for the user's own
     * privileges.
     */
    public String createApiKey(String name, String roleDescriptorsJson) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        if (roleDescriptorsJson != null) {
            body.set("role_descriptors", EsClusters.json(roleDescriptorsJson));
        }
        Request request = new Request("POST", "/_security/api_key");
        request.setJsonEntity(body.toString());
        return encodedKey(perform(request));
    }

    /**
     * Creates a cross-cluster API key and returns its encoded form. {@code accessJson} is the
     * {@code access} object, such as {@code {"search":[{"names":["logs-*"]}]}}.
     */
    public String createCrossClusterApiKey(String name, String accessJson) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.set("access", EsClusters.json(accessJson));
        Request request = new Request("POST", "/_security/cross_cluster/api_key");
        request.setJsonEntity(body.toString());
        return encodedKey(perform(request));
    }

    /**
     * Returns the command line of the keystore tool for this node. Append {@code add --stdin
     * --force NAME} (value read from standard input), {@code remove NAME} or {@code list}. It
     * behaves like {@code bin/elasticsearch-keystore}.
     */
    public List<String> keystoreCommand() {
        List<String> command = new ArrayList<>();
        command.add(process.java().toString());
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Des.path.conf=" + process.configDir());
        command.add("-cp");
        command.add(process.classPath());
        command.add(NodeProcess.KEYSTORE_MAIN_CLASS);
        return command;
    }

    /** Adds or replaces a secure setting in the node's keystore. Reload secure settings to apply it. */
    public void addSecureSetting(String name, char[] value) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] input = new byte[bytes.remaining() + 1];
        bytes.get(input, 0, bytes.remaining());
        input[input.length - 1] = '\n';
        try {
            runKeystore(input, "add", "--stdin", "--force", name);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    /** Removes a secure setting from the node's keystore. Reload secure settings to apply it. */
    public void removeSecureSetting(String name) {
        runKeystore(new byte[0], "remove", name);
    }

    /** Returns the names in the node's keystore. */
    public List<String> listSecureSettings() {
        String output = runKeystore(new byte[0], "list");
        return output.lines().map(String::trim).filter(line -> line.isEmpty() == false).toList();
    }

    /** Calls {@code POST /_nodes/reload_secure_settings} as the superuser. */
    public void reloadSecureSettings() {
        perform(new Request("POST", "/_nodes/reload_secure_settings"));
    }

    /** Describes the node's heap use and resident memory, for the build log. */
    String resourceUsage() {
        JsonNode jvm = EsClusters.json(perform(new Request("GET", "/_nodes/_local/stats/jvm")))
            .path("nodes").elements().next().path("jvm").path("mem");
        long mebibyte = 1024 * 1024;
        String rss = residentMemory().map(bytes -> bytes / mebibyte + " MiB").orElse("unknown");
        return String.format(Locale.ROOT, "%s node: heap used %d MiB of %d MiB, resident memory %s", clusterName,
            jvm.path("heap_used_in_bytes").asLong() / mebibyte, jvm.path("heap_max_in_bytes").asLong() / mebibyte, rss);
    }

    /** Reads VmRSS from {@code /proc/<pid>/status}, or nothing where that file is missing (not Linux). */
    private Optional<Long> residentMemory() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Returns the node's {@code elasticsearch.keystore} file. */
    Path keystoreFile() {
        return process.configDir().resolve("elasticsearch.keystore");
    }

    /** Returns the node's log file (standard output and error of its JVM). */
    public Path logFile() {
        return process.logFile();
    }

    /** Sends a request as the superuser and returns the response body. A non-2xx status throws. */
    String perform(Request request) {
        try {
            Response response = restClient().performRequest(request);
            return response.getEntity() == null
                ? ""
                : new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                request.getMethod() + " " + request.getEndpoint() + " failed on cluster " + clusterName + ": " + e.getMessage(), e);
        }
    }

    private String runKeystore(byte[] input, String... arguments) {
        List<String> command = keystoreCommand();
        command.addAll(List.of(arguments));
        try {
            Process keystore = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = keystore.getOutputStream()) {
                in.write(input);
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream out = keystore.getInputStream()) {
                out.transferTo(output);
            }
            if (keystore.waitFor(60, TimeUnit.SECONDS) == false) {
                keystore.destroyForcibly();
                throw new IllegalStateException("keystore " + arguments[0] + " timed out on cluster " + clusterName);
            }
            String text = output.toString(StandardCharsets.UTF_8);
            if (keystore.exitValue() != 0) {
                throw new IllegalStateException("keystore " + String.join(" ", arguments) + " failed on cluster "
                    + clusterName + " with exit code " + keystore.exitValue() + ": " + text.trim());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to run the keystore tool of cluster " + clusterName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the keystore tool", e);
        }
    }

    private RestClient newRestClient(String user, String password) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user, password));
        return RestClient.builder(HttpHost.create(httpUrl()))
            .setHttpClientConfigCallback(http -> http.setSSLContext(sslContext).setDefaultCredentialsProvider(credentials))
            .build();
    }

    private static String encodedKey(String responseJson) {
        try {
            return JSON.readTree(responseJson).path("encoded").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected API key response", e);
        }
    }

    private static SSLContext trusting(Path caCertificate) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            trustStore.setCertificateEntry("testkit-ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read the test CA " + caCertificate, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("failed to trust the test CA " + caCertificate, e);
        }
    }

    void close() {
        for (ElasticsearchClient client : clients.values()) {
            try {
                client._transport().close();
            } catch (IOException e) {
                // Closing on shutdown: nothing left to do with the error.
            }
        }
        clients.clear();
        process.stop();
    }

    void closeNow() {
        process.stopNow();
    }

    @Override
    public String toString() {
        return "EsNode[" + clusterName + " " + (httpAddress == null ? "not started" : httpUrl()) + "]";
    }
}
