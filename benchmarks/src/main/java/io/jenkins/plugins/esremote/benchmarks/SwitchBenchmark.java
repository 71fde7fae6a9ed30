package io.jenkins.plugins.esremote.benchmarks;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.esremote.engine.Authentication;
import io.jenkins.plugins.esremote.engine.ClusterConnection;
import io.jenkins.plugins.esremote.engine.CreateKeyRequest;
import io.jenkins.plugins.esremote.engine.FileJournalStore;
import io.jenkins.plugins.esremote.engine.KeyAccess;
import io.jenkins.plugins.esremote.engine.KeystoreAccess;
import io.jenkins.plugins.esremote.engine.Migration;
import io.jenkins.plugins.esremote.engine.MigrationException;
import io.jenkins.plugins.esremote.engine.MigrationOptions;
import io.jenkins.plugins.esremote.engine.ReconnectRequest;
import io.jenkins.plugins.esremote.engine.RollbackRequest;
import io.jenkins.plugins.esremote.engine.RollbackResult;
import io.jenkins.plugins.esremote.engine.SettingsResult;
import io.jenkins.plugins.esremote.engine.SwitchOrder;
import io.jenkins.plugins.esremote.engine.TlsTrust;
import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Switches testkit's alias back and forth in each order and measures every outage window.
 *
 * <p>Orders, each migrated and rolled back:
 *
 * <ul>
 *   <li>{@code product}: the engine with its default order. On 8.13+ the keystore entry is written
 *       while the alias still works, then {@code reconnect} sends one secure settings reload and
 *       one cluster settings update.
 *   <li>{@code engine-documented}: the engine with the documented order chosen explicitly. It
 *       writes the keystore entry with the key, then removes the alias, reloads and re-adds it.
 *   <li>{@code documented}: the documented procedure over REST with a reload in place of the
 *       restart, keystore write included: settings to null, keystore, reload, re-add.
 *   <li>{@code repoint-then-reload}: the keystore first like the engine, then the two requests the
 *       other way round, to check which of the two is shorter.
 * </ul>
 */
final class SwitchBenchmark {

    static final String PROBE_INDEX = "outage-probe";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLER_USER = "outage_sampler";
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration TAIL = Duration.ofMillis(500);
    private static final List<String> MODE_KEYS =
            List.of("mode", "seeds", "node_connections", "proxy_address", "proxy_socket_connections", "server_name");

    private final EsClusters clusters;
    private final BenchmarkSettings settings;
    private final Path outputDirectory;
    private final String alias;
    private final String prefix;
    private final String credentialsSetting;
    private final List<Measurement> measurements = new ArrayList<>();
    private RestClient samplerClient;
    private Map<String, Object> originalSettings;
    /** The sampler that receives the engine's log lines as marks. */
    private volatile Sampler engineLines;

    SwitchBenchmark(EsClusters clusters, BenchmarkSettings settings, Path outputDirectory) {
        this.clusters = clusters;
        this.settings = settings;
        this.outputDirectory = outputDirectory;
        this.alias = clusters.alias();
        this.prefix = "cluster.remote." + alias + ".";
        this.credentialsSetting = prefix + "credentials";
    }

    /** Runs every order {@code settings.runs()} times, interleaved, and returns the windows. */
    List<Measurement> run() throws Exception {
        prepare();
        for (int run = 1; run <= settings.runs(); run++) {
            measureEngine("product", null, run);
            measureEngine("engine-documented", SwitchOrder.DOCUMENTED, run);
            measureDocumentedOrder(run);
            measureRepointThenReload(run);
            System.out.printf("benchmark: Elasticsearch %s, run %d of %d done%n", clusters.version(), run, settings.runs());
        }
        return measurements;
    }

    /**
     * Creates the probe document on the remote cluster and the sampler's own user on the local
     * one (a superuser, so that it may search remote indices under both models).
     */
    private void prepare() throws IOException {
        EsNode remote = clusters.remote();
        perform(remote, "PUT", "/" + PROBE_INDEX, Map.of("settings", Map.of("number_of_replicas", 0)));
        perform(remote, "PUT", "/" + PROBE_INDEX + "/_doc/1?refresh=true", Map.of("probe", true));
        String password = newPassword();
        clusters.local().createUser(SAMPLER_USER, password, "superuser");
        samplerClient = ((RestClientTransport) clusters.local().client(SAMPLER_USER, password)._transport()).restClient();
        originalSettings = aliasSettings();
    }

    /**
     * Migrates and rolls back through the engine. {@code order} {@code null} lets the engine choose,
     * which must give reload-and-repoint on these clusters.
     */
    private void measureEngine(String label, SwitchOrder order, int run) throws Exception {
        Path journals = outputDirectory.resolve("journals").resolve(label + "-" + run);
        Files.createDirectories(journals);
        MigrationOptions options = MigrationOptions.defaults()
                .withKeystoreAccess(new TestkitKeystore(clusters.local()))
                .withSwitchOrder(order);
        Sampler migrationSampler = newSampler();
        engineLines = migrationSampler;
        try (Sampler sampler = migrationSampler;
                Migration migration = Migration.open(connection("local", clusters.local()),
                        connection("remote", clusters.remote()), alias, new FileJournalStore(journals),
                        this::markEngineLine, options)) {
            SwitchOrder expected = order == null ? SwitchOrder.RELOAD_AND_REPOINT : order;
            if (migration.switchOrder() != expected) {
                throw new IllegalStateException("The engine chose switch order " + migration.switchOrder().id()
                        + " on Elasticsearch " + clusters.version() + "; expected " + expected.id() + ".");
            }
            sampler.awaitBaseline(false, SWITCH_TIMEOUT);
            migration.createCrossClusterKey(CreateKeyRequest.derived()
                    .withName("outage-benchmark-" + label + "-" + run)
                    .withAccess(KeyAccess.builder().search(PROBE_INDEX).build()), (key, encoded) -> {});
            migration.disconnect();
            migration.reloadSecureSettings();
            SettingsResult reconnect = migration.reconnect(ReconnectRequest.defaults());
            sampler.awaitReached(true, SWITCH_TIMEOUT, TAIL);
            record(label, "migration", run, sampler, true, reconnect.outageMillis());

            try (Sampler rollbackSampler = newSampler()) {
                rollbackSampler.awaitBaseline(true, SWITCH_TIMEOUT);
                engineLines = rollbackSampler;
                RollbackResult rollback = migration.rollback(RollbackRequest.defaults());
                rollbackSampler.awaitReached(false, SWITCH_TIMEOUT, TAIL);
                record(label, "rollback", run, rollbackSampler, false, rollback.outageMillis());
            }
        } catch (MigrationException e) {
            throw new IllegalStateException("The engine failed in " + label + " run " + run + ": " + e.getMessage(), e);
        } finally {
            engineLines = null;
        }
    }

    private void markEngineLine(String line) {
        Sampler sampler = engineLines;
        if (sampler != null) {
            sampler.mark("engine: " + line);
        }
    }

    private void measureDocumentedOrder(int run) throws Exception {
        String encoded = clusters.remote().createCrossClusterApiKey("outage-benchmark-documented-" + run,
                "{\"search\":[{\"names\":[\"" + PROBE_INDEX + "\"]}]}");
        try (Sampler sampler = newSampler()) {
            sampler.awaitBaseline(false, SWITCH_TIMEOUT);
            step(sampler, "remove the alias", () -> putPersistent(removal(aliasSettings())));
            step(sampler, "write the keystore entry",
                    () -> clusters.local().addSecureSetting(credentialsSetting, encoded.toCharArray()));
            step(sampler, "reload secure settings", () -> clusters.local().reloadSecureSettings());
            step(sampler, "re-add the alias at the remote cluster port", () -> putPersistent(apiKeyTarget()));
            sampler.awaitReached(true, SWITCH_TIMEOUT, TAIL);
            record("documented", "migration", run, sampler, true, null);
        }
        try (Sampler sampler = newSampler()) {
            sampler.awaitBaseline(true, SWITCH_TIMEOUT);
            step(sampler, "remove the alias", () -> putPersistent(removal(aliasSettings())));
            step(sampler, "remove the keystore entry", () -> clusters.local().removeSecureSetting(credentialsSetting));
            step(sampler, "reload secure settings", () -> clusters.local().reloadSecureSettings());
            step(sampler, "re-add the original alias settings", () -> putPersistent(originalSettings));
            sampler.awaitReached(false, SWITCH_TIMEOUT, TAIL);
            record("documented", "rollback", run, sampler, false, null);
        }
    }

    private void measureRepointThenReload(int run) throws Exception {
        String encoded = clusters.remote().createCrossClusterApiKey("outage-benchmark-repoint-" + run,
                "{\"search\":[{\"names\":[\"" + PROBE_INDEX + "\"]}]}");
        try (Sampler sampler = newSampler()) {
            sampler.awaitBaseline(false, SWITCH_TIMEOUT);
            step(sampler, "write the keystore entry",
                    () -> clusters.local().addSecureSetting(credentialsSetting, encoded.toCharArray()));
            Map<String, Object> target = removal(aliasSettings());
            target.putAll(apiKeyTarget());
            step(sampler, "point the alias at the remote cluster port", () -> putPersistent(target));
            step(sampler, "reload secure settings", () -> clusters.local().reloadSecureSettings());
            sampler.awaitReached(true, SWITCH_TIMEOUT, TAIL);
            record("repoint-then-reload", "migration", run, sampler, true, null);
        }
        try (Sampler sampler = newSampler()) {
            sampler.awaitBaseline(true, SWITCH_TIMEOUT);
            step(sampler, "remove the keystore entry", () -> clusters.local().removeSecureSetting(credentialsSetting));
            Map<String, Object> target = removal(aliasSettings());
            target.putAll(originalSettings);
            step(sampler, "restore the original alias settings", () -> putPersistent(target));
            step(sampler, "reload secure settings", () -> clusters.local().reloadSecureSettings());
            sampler.awaitReached(false, SWITCH_TIMEOUT, TAIL);
            record("repoint-then-reload", "rollback", run, sampler, false, null);
        }
    }

    /** One request of a REST order, marked when it is sent and when it returns. */
    private interface Step {
        void run() throws IOException;
    }

    private static void step(Sampler sampler, String label, Step step) throws IOException {
        sampler.mark(label);
        step.run();
        sampler.mark(label + ": returned");
    }

    private Sampler newSampler() {
        Sampler sampler = new Sampler(samplerClient, alias, PROBE_INDEX, settings.interval());
        sampler.start();
        return sampler;
    }

    private void record(String order, String direction, int run, Sampler sampler, boolean targetCredentials,
            Long engineMillis) throws InterruptedException, IOException {
        List<Sample> samples = sampler.stop();
        OutageWindow window = OutageWindow.compute(samples, targetCredentials);
        String file = "samples/" + order + "-" + direction + "-" + run + ".csv";
        SampleFiles.write(outputDirectory.resolve(file), samples, sampler.marks());
        Measurement measurement = new Measurement(clusters.version(), order, direction, run, window, engineMillis, file);
        measurements.add(measurement);
        System.out.printf("benchmark: %s %s run %d: window %.3f s (upper bound %.3f s, %d samples, %s)%n", order,
                direction, run, window.windowSeconds(), window.upperBoundSeconds(), window.samples(),
                window.recovered() ? "recovered" : "NOT recovered");
    }

    /** The alias's persistent settings, flat, as {@code GET _cluster/settings} returns them. */
    private Map<String, Object> aliasSettings() throws IOException {
        JsonNode persistent = perform(clusters.local(), "GET", "/_cluster/settings?flat_settings=true", null)
                .path("persistent");
        Map<String, Object> result = new LinkedHashMap<>();
        persistent.fields().forEachRemaining(entry -> {
            if (entry.getKey().startsWith(prefix)) {
                result.put(entry.getKey(), JSON.convertValue(entry.getValue(), Object.class));
            }
        });
        return result;
    }

    /** Proxy mode at the remote cluster server port, keeping the original non-mode settings. */
    private Map<String, Object> apiKeyTarget() {
        Map<String, Object> target = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : originalSettings.entrySet()) {
            if (!MODE_KEYS.contains(entry.getKey().substring(prefix.length()))) {
                target.put(entry.getKey(), entry.getValue());
            }
        }
        target.put(prefix + "mode", "proxy");
        target.put(prefix + "proxy_address", clusters.remote().remoteClusterAddress());
        return target;
    }

    private static Map<String, Object> removal(Map<String, Object> current) {
        Map<String, Object> removal = new LinkedHashMap<>();
        current.keySet().forEach(key -> removal.put(key, null));
        return removal;
    }

    private void putPersistent(Map<String, Object> persistent) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("persistent", persistent);
        perform(clusters.local(), "PUT", "/_cluster/settings", body);
    }

    private static JsonNode perform(EsNode node, String method, String endpoint, Object body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setJsonEntity(JSON.writeValueAsString(body));
        }
        Response response = node.restClient().performRequest(request);
        if (response.getEntity() == null) {
            return JSON.createObjectNode();
        }
        try (InputStream content = response.getEntity().getContent()) {
            return JSON.readTree(content);
        }
    }

    static ClusterConnection connection(String name, EsNode node) throws IOException {
        return ClusterConnection.builder(name)
                .url(node.httpUrl())
                .authentication(Authentication.basic(node.superuser(), node.superuserPassword().toCharArray()))
                .tlsTrust(TlsTrust.caCertificate(node.caCertificate()))
                .build();
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The engine's keystore access through testkit's keystore tool on the local node. */
    static final class TestkitKeystore implements KeystoreAccess {

        private final EsNode node;

        TestkitKeystore(EsNode node) {
            this.node = node;
        }

        @Override
        public void addSecureSetting(String name, char[] value) {
            node.addSecureSetting(name, value);
        }

        @Override
        public void removeSecureSetting(String name) {
            if (node.listSecureSettings().contains(name)) {
                node.removeSecureSetting(name);
            }
        }

        @Override
        public String description() {
            return "testkit keystore tool on " + node.clusterName();
        }
    }
}
