package io.jenkins.plugins.esremote.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;

/**
 * Engine tests' view of testkit's clusters: connections, a keystore through testkit's keystore
 * tool, the cross-cluster workload (followers, auto-follow patterns, a transform, a job), and
 * snapshots of everything a migration changes.
 */
final class ClusterFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String LOCAL_ROLE = "ccr_reader";
    static final String REMOTE_ROLE = "remote_reader";

    final EsClusters clusters;
    final Path journalDirectory;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<char[]> delivered = new ArrayList<>();

    ClusterFixture(EsClusters clusters, Path journalDirectory) {
        this.clusters = clusters;
        this.journalDirectory = journalDirectory;
    }

    String alias() {
        return clusters.alias();
    }

    ClusterConnection local() {
        return connection("local", clusters.local());
    }

    ClusterConnection remote() {
        return connection("remote", clusters.remote());
    }

    static ClusterConnection connection(String name, EsNode node) {
        try {
            return ClusterConnection.builder(name)
                    .url(node.httpUrl())
                    .authentication(Authentication.basic(node.superuser(), node.superuserPassword().toCharArray()))
                    .tlsTrust(TlsTrust.caCertificate(node.caCertificate()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps the local node's keystore, written through testkit's keystore tool. */
    KeystoreAccess keystore() {
        EsNode node = clusters.local();
        return new KeystoreAccess() {
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
                return "testkit keystore of " + node.clusterName();
            }
        };
    }

    MigrationOptions options() {
        return MigrationOptions.defaults().withKeystoreAccess(keystore());
    }

    FileJournalStore store() {
        return new FileJournalStore(journalDirectory);
    }

    Migration open() throws MigrationException {
        return open(options());
    }

    Migration open(MigrationOptions options) throws MigrationException {
        return Migration.open(local(), remote(), alias(), store(), this::log, options);
    }

    private void log(String line) {
        lines.add(line);
        System.out.println(line);
    }

    /** Returns a sink that keeps a copy of every key, so tests can scan outputs for it. */
    KeySink sink() {
        return (key, encoded) -> delivered.add(encoded.clone());
    }

    // ---- workload -------------------------------------------------------------------------

    /**
     * Creates the certificate-era workload: on the remote, indices {@code logs-1} and
     * {@code metrics-1}; on the local cluster, followers (one paused), auto-follow patterns (one
     * paused), transforms (one stopped, reading through a {@code *:} wildcard), jobs with datafeeds (one closed), and role
     * {@value #LOCAL_ROLE}; on the remote, role {@value #REMOTE_ROLE}.
     */
    void createWorkload() {
        EsNode remote = clusters.remote();
        EsNode local = clusters.local();
        perform(remote, "PUT", "/logs-1/_doc/1?refresh=true", "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"host\":\"a\"}");
        perform(remote, "PUT", "/metrics-1/_doc/1?refresh=true", "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"host\":\"a\"}");
        remote.putRole(REMOTE_ROLE, "{\"indices\":[{\"names\":[\"logs-*\",\"metrics-*\"],\"privileges\":[\"read\",\"read_cross_cluster\",\"view_index_metadata\"]}]}");
        local.putRole(LOCAL_ROLE, "{\"cluster\":[\"monitor\"],\"indices\":[{\"names\":[\"follower-*\"],\"privileges\":[\"read\"]}]}");

        perform(local, "PUT", "/follower-active/_ccr/follow?wait_for_active_shards=1",
                "{\"remote_cluster\":\"" + alias() + "\",\"leader_index\":\"logs-1\"}");
        perform(local, "PUT", "/follower-paused/_ccr/follow?wait_for_active_shards=1",
                "{\"remote_cluster\":\"" + alias() + "\",\"leader_index\":\"metrics-1\"}");
        perform(local, "POST", "/follower-paused/_ccr/pause_follow", null);

        perform(local, "PUT", "/_ccr/auto_follow/logs-pattern",
                "{\"remote_cluster\":\"" + alias() + "\",\"leader_index_patterns\":[\"logs-*\"],"
                        + "\"follow_index_pattern\":\"{{leader_index}}-copy\"}");
        perform(local, "PUT", "/_ccr/auto_follow/metrics-pattern",
                "{\"remote_cluster\":\"" + alias() + "\",\"leader_index_patterns\":[\"metrics-*\"],"
                        + "\"follow_index_pattern\":\"{{leader_index}}-copy\"}");
        perform(local, "POST", "/_ccr/auto_follow/metrics-pattern/pause", null);

        String transform = "{\"source\":{\"index\":[\"%s\"]},\"dest\":{\"index\":\"%s\"},"
                + "\"pivot\":{\"group_by\":{\"host\":{\"terms\":{\"field\":\"host.keyword\"}}},"
                + "\"aggregations\":{\"count\":{\"value_count\":{\"field\":\"host.keyword\"}}}}}";
        perform(local, "PUT", "/_transform/metrics-running", String.format(transform, alias() + ":metrics-*", "metrics-summary"));
        perform(local, "PUT", "/_transform/logs-stopped", String.format(transform, "*:logs-*", "logs-summary"));
        perform(local, "POST", "/_transform/metrics-running/_start", null);

        String job = "{\"analysis_config\":{\"bucket_span\":\"15m\",\"detectors\":[{\"function\":\"count\"}]},"
                + "\"data_description\":{\"time_field\":\"@timestamp\"}}";
        perform(local, "PUT", "/_ml/anomaly_detectors/logs-job", job);
        perform(local, "PUT", "/_ml/anomaly_detectors/metrics-job", job);
        perform(local, "PUT", "/_ml/datafeeds/datafeed-logs-job",
                "{\"job_id\":\"logs-job\",\"indices\":[\"" + alias() + ":logs-*\"]}");
        perform(local, "PUT", "/_ml/datafeeds/datafeed-metrics-job",
                "{\"job_id\":\"metrics-job\",\"indices\":[\"" + alias() + ":metrics-*\"]}");
        perform(local, "POST", "/_ml/anomaly_detectors/logs-job/_open", null);
        perform(local, "POST", "/_ml/datafeeds/datafeed-logs-job/_start", null);
    }

    // ---- snapshots ------------------------------------------------------------------------

    /** Everything a migration may change, to compare before and after. */
    Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("settings", aliasSettings());
        snapshot.put("localRoles", roles(clusters.local(), LOCAL_ROLE));
        snapshot.put("remoteRoles", roles(clusters.remote(), REMOTE_ROLE));
        snapshot.put("remoteFilter", filterSettings());
        snapshot.put("tasks", taskStates());
        return snapshot;
    }

    Map<String, Object> aliasSettings() {
        Map<String, Object> all = json(perform(clusters.local(), "GET", "/_cluster/settings?flat_settings=true", null));
        Map<String, Object> result = new TreeMap<>();
        for (String scope : List.of("persistent", "transient")) {
            Map<?, ?> settings = (Map<?, ?>) all.get(scope);
            settings.forEach((key, value) -> {
                if (String.valueOf(key).startsWith("cluster.remote." + alias() + ".")) {
                    result.put(scope + ":" + key, value);
                }
            });
        }
        return result;
    }

    Map<String, Object> filterSettings() {
        Map<String, Object> all = json(perform(clusters.remote(), "GET", "/_cluster/settings?flat_settings=true", null));
        Map<String, Object> result = new TreeMap<>();
        ((Map<?, ?>) all.get("persistent")).forEach((key, value) -> {
            if (String.valueOf(key).startsWith("xpack.security.transport.filter.")) {
                result.put(String.valueOf(key), value);
            }
        });
        return result;
    }

    Map<String, Object> roles(EsNode node, String name) {
        try {
            return json(perform(node, "GET", "/_security/role/" + name, null));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Task id to state, read through the REST API (not through the engine). */
    Map<String, Object> taskStates() {
        EsNode local = clusters.local();
        Map<String, Object> states = new TreeMap<>();
        Map<String, Object> followers = json(perform(local, "GET", "/_all/_ccr/info", null));
        for (Object follower : (List<?>) followers.get("follower_indices")) {
            Map<?, ?> map = (Map<?, ?>) follower;
            states.put("follower:" + map.get("follower_index"), map.get("status"));
        }
        Map<String, Object> patterns = json(perform(local, "GET", "/_ccr/auto_follow", null));
        for (Object pattern : (List<?>) patterns.get("patterns")) {
            Map<?, ?> map = (Map<?, ?>) pattern;
            states.put("auto-follow:" + map.get("name"), ((Map<?, ?>) map.get("pattern")).get("active"));
        }
        Map<String, Object> transforms = json(perform(local, "GET", "/_transform/_all/_stats", null));
        for (Object transform : (List<?>) transforms.get("transforms")) {
            Map<?, ?> map = (Map<?, ?>) transform;
            states.put("transform:" + map.get("id"), map.get("state"));
        }
        Map<String, Object> jobs = json(perform(local, "GET", "/_ml/anomaly_detectors/_stats", null));
        for (Object job : (List<?>) jobs.get("jobs")) {
            Map<?, ?> map = (Map<?, ?>) job;
            states.put("job:" + map.get("job_id"), map.get("state"));
        }
        Map<String, Object> datafeeds = json(perform(local, "GET", "/_ml/datafeeds/_stats", null));
        for (Object datafeed : (List<?>) datafeeds.get("datafeeds")) {
            Map<?, ?> map = (Map<?, ?>) datafeed;
            states.put("datafeed:" + map.get("datafeed_id"), map.get("state"));
        }
        return states;
    }

    Map<String, Object> remoteInfo() {
        Map<String, Object> info = json(perform(clusters.local(), "GET", "/_remote/info", null));
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) info.get(alias());
        return entry == null ? Map.of() : entry;
    }

    String journalText() {
        try (var files = Files.list(journalDirectory)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
            return text.toString();
        } catch (IOException e) {
            return "";
        }
    }

    static String perform(EsNode node, String method, String path, String body) {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(body);
        }
        try {
            Response response = node.restClient().performRequest(request);
            return response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> json(String text) {
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
