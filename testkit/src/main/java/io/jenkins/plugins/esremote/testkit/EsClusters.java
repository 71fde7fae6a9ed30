package io.jenkins.plugins.esremote.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.elasticsearch.client.Request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two single-node clusters, {@code local} and {@code remote}, started once per test JVM.
 *
 * <p>The "before" state: TLS on HTTP, transport and the remote cluster interface, one CA signing
 * every certificate, trial licences, and on the local cluster the alias {@value #ALIAS} in {@code
 * sniff} mode with its seed at the remote's transport port (certificate trust). Tests get it
 * through {@link EsClustersExtension}, which calls {@link #reset()} after each test.
 */
public final class EsClusters {

    static final String ALIAS = "leader";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final ElasticsearchLine line;
    private final EsNode local;
    private final EsNode remote;
    private final ClusterReset reset;
    private String version;

    private EsClusters(ElasticsearchLine line, EsNode local, EsNode remote) {
        this.line = line;
        this.local = local;
        this.remote = remote;
        this.reset = new ClusterReset(this);
    }

    /** Starts both clusters in parallel under {@code workDir} and sets up the "before" state. */
    static EsClusters start(ElasticsearchLine line, Path java, Path workDir) {
        long started = System.nanoTime();
        String classPath = NodeClassPath.forLine(line);
        TestCertificates certificates = new TestCertificates();
        Path caFile = workDir.resolve("ca.crt");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to create " + workDir, e);
        }
        certificates.writeCaCertificate(caFile);

        EsNode local = prepare("local", false, line, java, classPath, workDir, certificates, caFile);
        EsNode remote = prepare("remote", true, line, java, classPath, workDir, certificates, caFile);
        EsClusters clusters = new EsClusters(line, local, remote);
        try {
            local.process().start(local.superuserPassword());
            remote.process().start(remote.superuserPassword());
            local.process().awaitStarted();
            remote.process().awaitStarted();
            local.started();
            remote.started();
            local.awaitReady(CONNECT_TIMEOUT);
            remote.awaitReady(CONNECT_TIMEOUT);
            clusters.version = clusters.readVersion();
            clusters.connectAlias();
            clusters.reset.recordBeforeState();
            System.out.printf("testkit: Elasticsearch %s clusters local (%s) and remote (%s) ready in %.1f s%n",
                clusters.version, local.httpUrl(), remote.httpUrl(), (System.nanoTime() - started) / 1e9);
            return clusters;
        } catch (RuntimeException e) {
            local.close();
            remote.close();
            throw e;
        }
    }

    private static EsNode prepare(String name, boolean remoteClusterServer, ElasticsearchLine line, Path java,
            String classPath, Path workDir, TestCertificates certificates, Path caFile) {
        Path home = workDir.resolve(name);
        Path config = home.resolve("config");
        try {
            Files.createDirectories(config);
            Files.copy(caFile, config.resolve("ca.crt"));
            certificates.writeNodeCertificate(config, "node");
            Map<String, Object> settings = NodeConfig.settings(name, remoteClusterServer, home);
            Files.writeString(config.resolve("elasticsearch.yml"), NodeConfig.toYaml(settings), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write the configuration of node " + name, e);
        }
        NodeProcess process = new NodeProcess(name, home, java, classPath);
        return new EsNode(name, process, caFile, certificates.caFingerprint(), newPassword(), remoteClusterServer);
    }

    /** Returns the local cluster, where the alias {@value #ALIAS} is defined. */
    public EsNode local() {
        return local;
    }

    /** Returns the remote cluster, with the remote cluster server enabled. */
    public EsNode remote() {
        return remote;
    }

    /** Returns the alias of the remote on the local cluster: {@value #ALIAS}. */
    public String alias() {
        return ALIAS;
    }

    /** Returns the Elasticsearch version the nodes run, such as {@code 8.19.21}. */
    public String version() {
        return version;
    }

    /**
     * Restores the "before" state: cluster settings (the alias included), keystore credentials,
     * indices, users, roles and API keys that tests created, and emulated tasks.
     */
    public void reset() {
        reset.run();
    }

    ElasticsearchLine line() {
        return line;
    }

    /** Prints what each node used, then stops both. */
    void stop() {
        for (EsNode node : List.of(local, remote)) {
            try {
                System.out.println("testkit: " + node.resourceUsage());
            } catch (RuntimeException e) {
                System.out.println("testkit: resource usage of " + node.clusterName() + " unavailable: " + e.getMessage());
            }
        }
        close();
    }

    void close() {
        local.close();
        remote.close();
    }

    void closeNow() {
        local.closeNow();
        remote.closeNow();
    }

    /** Points the alias at the remote's transport port in sniff mode and waits until it connects. */
    void connectAlias() {
        Request settings = new Request("PUT", "/_cluster/settings");
        settings.setJsonEntity("{\"persistent\":{\"cluster.remote." + ALIAS + ".mode\":\"sniff\",\"cluster.remote." + ALIAS
            + ".seeds\":[\"" + remote.transportAddress() + "\"]}}");
        local.perform(settings);
        awaitAliasConnected();
    }

    void awaitAliasConnected() {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        JsonNode info = null;
        while (System.nanoTime() < deadline) {
            info = json(local.perform(new Request("GET", "/_remote/info"))).path(ALIAS);
            if (info.path("connected").asBoolean(false)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("alias " + ALIAS + " on the local cluster did not connect to "
            + remote.transportAddress() + " within " + CONNECT_TIMEOUT.toSeconds() + " s: " + info
            + ". See " + local.logFile() + " and " + remote.logFile());
    }

    private String readVersion() {
        return json(local.perform(new Request("GET", "/_nodes/_local"))).path("nodes").elements().next().path("version").asText();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected response: " + text, e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
