package io.jenkins.plugins.esremote.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP server that serves the real client recorded Elasticsearch responses
 * (files under {@code recorded/}), for versions testkit does not run. Unknown requests get a 404
 * in Elasticsearch's error format, and every request is recorded.
 */
final class RecordedCluster implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> responses = new HashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    RecordedCluster() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves the named recorded file for {@code method path} (path without query string). */
    RecordedCluster on(String method, String path, String file) {
        responses.put(method + " " + path, read(file));
        return this;
    }

    ClusterConnection connection(String name) {
        return ClusterConnection.builder(name)
                .url("http://127.0.0.1:" + server.getAddress().getPort())
                .authentication(Authentication.basic("elastic", "recorded".toCharArray()))
                .build();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(key + (body.isEmpty() ? "" : " " + body));
        String response = responses.get(key);
        int status = 200;
        if (response == null) {
            status = 404;
            response = "{\"error\":{\"type\":\"resource_not_found_exception\",\"reason\":\"no recorded "
                    + "response for " + key + "\"},\"status\":404}";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String read(String file) {
        try (InputStream in = RecordedCluster.class.getResourceAsStream("/recorded/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No recorded response " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a local cluster on 8.12.2 with the certificate-model alias {@code leader} and no tasks. */
    static RecordedCluster local812() {
        return new RecordedCluster()
                .on("GET", "/_nodes/_all/process", "local-nodes-8.12.json")
                .on("GET", "/_cluster/state/metadata", "local-cluster-state.json")
                .on("GET", "/_license", "license-trial.json")
                .on("GET", "/_cluster/settings", "local-cluster-settings.json")
                .on("PUT", "/_cluster/settings", "acknowledged.json")
                .on("GET", "/_nodes/settings", "local-nodes-settings.json")
                .on("GET", "/_remote/info", "local-remote-info.json")
                .on("GET", "/_all/_ccr/info", "local-ccr-info.json")
                .on("GET", "/_ccr/auto_follow", "local-auto-follow.json")
                .on("GET", "/_transform/_all", "local-transforms.json")
                .on("GET", "/_ml/datafeeds", "local-datafeeds.json")
                .on("GET", "/_security/role", "local-roles.json")
                .on("GET", "/_security/user/_has_privileges", "has-privileges.json")
                .on("POST", "/_security/user/_has_privileges", "has-privileges.json");
    }

    /** Starts a remote cluster on 8.12.2 with the remote cluster server at 10.0.0.5:9443. */
    static RecordedCluster remote812() {
        return new RecordedCluster()
                .on("GET", "/_nodes/_all/process", "remote-nodes-8.12.json")
                .on("GET", "/_license", "license-trial.json")
                .on("GET", "/_nodes/remote_cluster_server", "remote-server-8.12.json")
                .on("GET", "/_security/_authenticate", "authenticate-user.json")
                .on("GET", "/_security/user/_has_privileges", "has-privileges.json")
                .on("POST", "/_security/user/_has_privileges", "has-privileges.json");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
