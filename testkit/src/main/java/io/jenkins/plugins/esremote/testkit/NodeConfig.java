package io.jenkins.plugins.esremote.testkit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code elasticsearch.yml} of a testkit node: loopback only, ephemeral ports reported
 * through ports files, security with TLS on every interface, a trial licence.
 */
final class NodeConfig {

    private NodeConfig() {}

    static Map<String, Object> settings(String clusterName, boolean remoteClusterServer, Path home) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("cluster.name", clusterName);
        settings.put("node.name", clusterName + "-0");
        settings.put("network.host", "127.0.0.1");
        // Port 0 binds a free port; node.portsfile makes the node write it to logs/*.ports.
        settings.put("http.port", "0");
        settings.put("transport.port", "0");
        settings.put("node.portsfile", true);
        settings.put("path.data", home.resolve("data").toString());
        settings.put("path.logs", home.resolve("logs").toString());
        settings.put("discovery.type", "single-node");
        settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        settings.put("action.destructive_requires_name", false);
        settings.put("xpack.security.enabled", true);
        settings.put("xpack.license.self_generated.type", "trial");

        tls(settings, "xpack.security.http.ssl");
        tls(settings, "xpack.security.transport.ssl");
        settings.put("xpack.security.transport.ssl.verification_mode", "full");
        settings.put("xpack.security.remote_cluster_client.ssl.enabled", true);
        settings.put("xpack.security.remote_cluster_client.ssl.certificate_authorities", "ca.crt");
        if (remoteClusterServer) {
            settings.put("remote_cluster_server.enabled", true);
            settings.put("remote_cluster.host", "127.0.0.1");
            settings.put("remote_cluster.port", "0");
            tls(settings, "xpack.security.remote_cluster_server.ssl");
        }
        return settings;
    }

    private static void tls(Map<String, Object> settings, String prefix) {
        settings.put(prefix + ".enabled", true);
        settings.put(prefix + ".certificate", "node.crt");
        settings.put(prefix + ".key", "node.key");
        settings.put(prefix + ".certificate_authorities", "ca.crt");
    }

    /** Renders settings as YAML, one {@code key: value} line each, strings quoted. */
    static String toYaml(Map<String, Object> settings) {
        StringBuilder yaml = new StringBuilder();
        settings.forEach((key, value) -> {
            yaml.append(key).append(": ");
            if (value instanceof String text) {
                yaml.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                yaml.append(value);
            }
            yaml.append('\n');
        });
        return yaml.toString();
    }
}
