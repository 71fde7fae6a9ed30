package io.jenkins.plugins.esremote.benchmarks;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.jenkins.plugins.esremote.engine.CreateKeyRequest;
import io.jenkins.plugins.esremote.engine.FileJournalStore;
import io.jenkins.plugins.esremote.engine.KeyAccess;
import io.jenkins.plugins.esremote.engine.KeySink;
import io.jenkins.plugins.esremote.engine.Migration;
import io.jenkins.plugins.esremote.engine.MigrationListener;
import io.jenkins.plugins.esremote.engine.MigrationOptions;
import io.jenkins.plugins.esremote.engine.ReconnectRequest;
import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import io.jenkins.plugins.esremote.testkit.EsNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures the first migration switch after testkit's nodes start, once per JVM, after one of
 * several preparations. It is a diagnostic for the benchmark page, skipped unless
 * {@code firstSwitch.preparation} is set:
 *
 * <ul>
 *   <li>{@code none}: nothing before the engine's migration.
 *   <li>{@code tls}: a temporary alias in proxy mode at the remote cluster port without
 *       credentials, removed again, before the sampler starts.
 *   <li>{@code credentials-early}: a temporary alias with its own key and keystore entry,
 *       connected through the remote cluster port and searched once, before the sampler starts.
 *   <li>{@code credentials-late}: the same with the migration's key, done in the key sink, a few
 *       seconds before the switch.
 *   <li>{@code credentials-late-other-key}: as {@code credentials-late}, with its own key.
 *   <li>{@code unrelated-key}: one more cross-cluster key created on the remote cluster.
 *   <li>{@code idle-N}: a wait of N seconds.
 *   <li>{@code proxy-sockets-N}: no engine: the keystore entry, a reload and one settings update
 *       with {@code proxy_socket_connections} N, sent over REST.
 * </ul>
 *
 * <p>Each run appends one line to {@code target/first-switch/results.csv}, and the samples go to
 * {@code target/first-switch/samples}.
 */
@EnabledIfSystemProperty(named = "firstSwitch.preparation", matches = ".+")
@ExtendWith(EsClustersExtension.class)
class FirstSwitchDiagnostics {

    private static final String TRIAL_ALIAS = "trial";
    private static final String ACCESS = "{\"search\":[{\"names\":[\"" + SwitchBenchmark.PROBE_INDEX + "\"]}]}";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration TAIL = Duration.ofMillis(300);
    private static final List<String> FIXED_PREPARATIONS = List.of("none", "tls", "credentials-early",
            "credentials-late", "credentials-late-other-key", "unrelated-key");

    private EsNode local;
    private EsNode remote;

    @Test
    void measureFirstSwitch(EsClusters clusters) throws Exception {
        String preparation = System.getProperty("firstSwitch.preparation").trim();
        if (!FIXED_PREPARATIONS.contains(preparation) && !preparation.matches("(idle|proxy-sockets)-[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("Invalid firstSwitch.preparation '" + preparation + "': use one of "
                    + FIXED_PREPARATIONS + ", idle-<seconds> or proxy-sockets-<count>.");
        }
        local = clusters.local();
        remote = clusters.remote();
        perform(remote, "PUT", "/" + SwitchBenchmark.PROBE_INDEX, "{\"settings\":{\"number_of_replicas\":0}}");
        perform(remote, "PUT", "/" + SwitchBenchmark.PROBE_INDEX + "/_doc/1?refresh=true", "{\"probe\":true}");
        String samplerPassword = UUID.randomUUID().toString();
        local.createUser("first_switch_sampler", samplerPassword, "superuser");
        RestClient samplerClient =
                ((RestClientTransport) local.client("first_switch_sampler", samplerPassword)._transport()).restClient();

        switch (preparation) {
            case "tls" -> connectTrialWithoutCredentials();
            case "credentials-early" -> {
                String trialKey = remote.createCrossClusterApiKey("trial-early", ACCESS);
                connectTrial(trialKey.toCharArray());
            }
            case "unrelated-key" -> {
                remote.createCrossClusterApiKey("unrelated", ACCESS);
                sleep(3000);
            }
            default -> {
                if (preparation.startsWith("idle-")) {
                    sleep(1000L * Integer.parseInt(preparation.substring("idle-".length())));
                }
            }
        }

        Measured measured;
        try (Sampler sampler = new Sampler(samplerClient, clusters.alias(), SwitchBenchmark.PROBE_INDEX, INTERVAL)) {
            sampler.start();
            sampler.awaitBaseline(false, TIMEOUT);
            if (preparation.startsWith("proxy-sockets-")) {
                switchOverRest(sampler, clusters.alias(), Integer.parseInt(preparation.substring("proxy-sockets-".length())));
                measured = new Measured(null, null);
            } else {
                measured = switchWithEngine(sampler, clusters.alias(), preparation);
            }
            sampler.awaitReached(true, TIMEOUT, TAIL);
            List<Sample> samples = sampler.stop();
            Path directory = Path.of(System.getProperty("basedir", "."), "target", "first-switch");
            String stamp = Instant.now().toString().replace(':', '-');
            SampleFiles.write(directory.resolve("samples").resolve(preparation + "-" + stamp + ".csv"), samples,
                    sampler.marks());
            OutageWindow window = OutageWindow.compute(samples, true);
            appendResult(directory.resolve("results.csv"), clusters.version(), preparation, window, measured);
        }
    }

    /** The engine's reload and settings update timings, {@code null} for the REST switch. */
    private record Measured(Long reloadMillis, Long settingsUpdateMillis) {}

    private Measured switchWithEngine(Sampler sampler, String alias, String preparation) throws Exception {
        boolean trialInSink = preparation.startsWith("credentials-late");
        MigrationOptions options = MigrationOptions.defaults();
        if (!trialInSink) {
            options = options.withKeystoreAccess(new SwitchBenchmark.TestkitKeystore(local));
        }
        KeySink sink = (key, encoded) -> {
            if (!trialInSink) {
                return;
            }
            char[] trialKey = preparation.equals("credentials-late-other-key")
                    ? remote.createCrossClusterApiKey("trial-late", ACCESS).toCharArray()
                    : encoded;
            connectTrial(trialKey);
            // The alias's own entry is written only now, so that the trial's reload leaves it alone.
            local.addSecureSetting("cluster.remote." + alias + ".credentials", encoded);
        };
        Path journals = Files.createTempDirectory("first-switch-journals");
        StringBuilder engineLines = new StringBuilder();
        MigrationListener listener = line -> {
            sampler.mark("engine: " + line);
            engineLines.append(line).append('\n');
        };
        try (Migration migration = Migration.open(SwitchBenchmark.connection("local", local), SwitchBenchmark.connection("remote", remote), alias,
                new FileJournalStore(journals), listener, options)) {
            migration.createCrossClusterKey(CreateKeyRequest.derived()
                    .withName("first-switch")
                    .withAccess(KeyAccess.builder().search(SwitchBenchmark.PROBE_INDEX).build()), sink);
            migration.disconnect();
            migration.reloadSecureSettings();
            migration.reconnect(ReconnectRequest.defaults());
        }
        return parseTimings(engineLines.toString());
    }

    /** Reads the reload and settings update timings from the engine's reconnect log line. */
    private static Measured parseTimings(String engineLines) {
        return new Measured(number(engineLines, "reloadMillis="), number(engineLines, "settingsUpdateMillis="));
    }

    private static Long number(String text, String key) {
        int start = text.lastIndexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text.substring(start, end));
    }

    private void switchOverRest(Sampler sampler, String alias, int sockets) throws IOException {
        String key = remote.createCrossClusterApiKey("proxy-sockets", ACCESS);
        String prefix = "\"cluster.remote." + alias + ".";
        local.addSecureSetting("cluster.remote." + alias + ".credentials", key.toCharArray());
        sampler.mark("reload secure settings");
        perform(local, "POST", "/_nodes/reload_secure_settings", null);
        sampler.mark("point the alias at the remote cluster port");
        perform(local, "PUT", "/_cluster/settings", "{\"persistent\":{" + prefix + "mode\":\"proxy\"," + prefix
                + "seeds\":null," + prefix + "proxy_address\":\"" + remote.remoteClusterAddress() + "\"," + prefix
                + "proxy_socket_connections\":" + sockets + "}}");
        sampler.mark("point the alias at the remote cluster port: returned");
    }

    private void connectTrialWithoutCredentials() throws IOException {
        perform(local, "PUT", "/_cluster/settings", trialSettings(false));
        perform(local, "GET", "/_remote/info", null);
        perform(local, "PUT", "/_cluster/settings", "{\"persistent\":{\"cluster.remote." + TRIAL_ALIAS + ".*\":null}}");
    }

    /**
     * Connects the trial alias through the remote cluster port with {@code key}, searches through
     * it once and removes it again. Its keystore entry stays: later reloads keep those credentials
     * loaded but rebuild no connection, because the alias no longer exists.
     */
    private void connectTrial(char[] key) throws IOException {
        local.addSecureSetting("cluster.remote." + TRIAL_ALIAS + ".credentials", key);
        perform(local, "PUT", "/_cluster/settings", trialSettings(true));
        perform(local, "POST", "/_nodes/reload_secure_settings", null);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!perform(local, "GET", "/_remote/info", null).contains("\"" + TRIAL_ALIAS + "\":{\"connected\":true")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The trial alias did not connect within " + TIMEOUT + ".");
            }
            sleep(20);
        }
        perform(local, "GET", "/" + TRIAL_ALIAS + ":" + SwitchBenchmark.PROBE_INDEX + "/_search", null);
        perform(local, "PUT", "/_cluster/settings", "{\"persistent\":{\"cluster.remote." + TRIAL_ALIAS + ".*\":null}}");
    }

    private String trialSettings(boolean oneSocket) {
        String prefix = "\"cluster.remote." + TRIAL_ALIAS + ".";
        return "{\"persistent\":{" + prefix + "mode\":\"proxy\"," + prefix + "proxy_address\":\""
                + remote.remoteClusterAddress() + "\"," + prefix + "skip_unavailable\":true"
                + (oneSocket ? "," + prefix + "proxy_socket_connections\":1" : "") + "}}";
    }

    private static void appendResult(Path file, String version, String preparation, OutageWindow window,
            Measured measured) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, "time,version,preparation,window_s,upper_bound_s,recovered,reload_ms,settings_update_ms\n",
                    StandardCharsets.UTF_8);
        }
        String line = String.format(Locale.ROOT, "%s,%s,%s,%.3f,%.3f,%s,%s,%s%n", Instant.now(), version, preparation,
                window.windowSeconds(), window.upperBoundSeconds(), window.recovered(),
                measured.reloadMillis() == null ? "" : measured.reloadMillis(),
                measured.settingsUpdateMillis() == null ? "" : measured.settingsUpdateMillis());
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.print("first-switch: " + line);
    }

    private static String perform(EsNode node, String method, String endpoint, String body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setJsonEntity(body);
        }
        var entity = node.restClient().performRequest(request).getEntity();
        return entity == null ? "" : new String(entity.getContent().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting " + millis + " ms.", e);
        }
    }
}
