package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.JsonpSerializable;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.message.BasicHeader;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * One cluster connection: the typed client for everything it covers, raw JSON requests for the
 * few calls it lacks (cluster settings with {@code null} values, node settings), and translation
 * of failures into {@link MigrationException}s with secrets removed.
 */
final class EsClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** Longest error text kept from a response, in characters. */
    static final int MAX_MESSAGE_LENGTH = 2_000;

    private final ClusterConnection connection;
    private final RestClient restClient;
    private final ElasticsearchClient client;
    private final JsonpMapper mapper = new JacksonJsonpMapper();
    private final List<String> secrets = new ArrayList<>();

    EsClient(ClusterConnection connection) {
        this.connection = connection;
        HttpHost[] hosts = connection.urls().stream().map(EsClient::host).toArray(HttpHost[]::new);
        Header[] headers = {
            new BasicHeader("Authorization", connection.authentication().authorizationHeader())
        };
        this.restClient = RestClient.builder(hosts)
                .setDefaultHeaders(headers)
                .setHttpClientConfigCallback(http -> http.setSSLContext(connection.tlsTrust().sslContext()))
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout((int) connection.connectTimeout().toMillis())
                        .setSocketTimeout((int) connection.socketTimeout().toMillis()))
                .build();
        this.client = new ElasticsearchClient(new RestClientTransport(restClient, mapper));
    }

    String name() {
        return connection.name();
    }

    ElasticsearchClient typed() {
        return client;
    }

    /** Registers a secret (such as a created key) that must never appear in an error message. */
    void addSecret(String secret) {
        if (secret != null && secret.length() >= 4) {
            secrets.add(secret);
        }
    }

    /** A typed call whose failures become a {@link MigrationException}. */
    @FunctionalInterface
    interface Call<T> {
        T run(ElasticsearchClient client) throws IOException;
    }

    <T> T call(Phase phase, String alias, String action, String nextStep, Call<T> call)
            throws MigrationException {
        try {
            return call.run(client);
        } catch (ElasticsearchException e) {
            throw failure(phase, alias, action, e.error(), e.status(), nextStep, e);
        } catch (TransportException e) {
            throw new MigrationException(phase, name(), alias, "http_" + e.statusCode(),
                    scrub(action + " failed: " + e.getMessage()
                            + (e.getCause() == null ? "" : " (" + describe(e) + ")")),
                    nextStep, null);
        } catch (IOException | RuntimeException e) {
            throw ioFailure(phase, alias, action, nextStep, e);
        }
    }

    /** Sends a raw JSON request and returns the parsed body ({@code null} for an empty body). */
    Map<String, Object> raw(Phase phase, String alias, String method, String path, Object body,
            String action, String nextStep) throws MigrationException {
        Request request = new Request(method, path);
        try {
            if (body != null) {
                request.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
            }
            Response response = restClient.performRequest(request);
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return text.isBlank() ? null : JSON.readValue(text, MAP);
        } catch (ResponseException e) {
            String type = "http_" + e.getResponse().getStatusLine().getStatusCode();
            String reason = e.getMessage();
            try {
                Map<String, Object> error = JSON.readValue(
                        EntityUtils.toString(e.getResponse().getEntity(), StandardCharsets.UTF_8), MAP);
                if (error.get("error") instanceof Map) {
                    Map<?, ?> cause = (Map<?, ?>) error.get("error");
                    type = String.valueOf(cause.get("type"));
                    reason = String.valueOf(cause.get("reason"));
                }
            } catch (IOException | RuntimeException unreadable) {
                // Keep the HTTP status as the error type; the body was not Elasticsearch's JSON.
            }
            throw new MigrationException(phase, name(), alias, type, scrub(action + " failed: " + reason),
                    nextStep, null);
        } catch (IOException e) {
            throw ioFailure(phase, alias, action, nextStep, e);
        }
    }

    /**
     * The result of {@link #attempt}: the HTTP status and body, whatever the status, or
     * {@code timedOut} when no response arrived in time.
     */
    record Attempt(int status, String body, boolean timedOut) {}

    /**
     * Sends a request whose error response is a result rather than a failure, and gives up after
     * {@code timeout}. Only a request that gets no response for another reason throws.
     */
    Attempt attempt(Phase phase, String alias, String method, String path, Duration timeout, String action)
            throws MigrationException {
        Request request = new Request(method, path);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        request.setOptions(RequestOptions.DEFAULT.toBuilder()
                .setRequestConfig(RequestConfig.custom().setSocketTimeout(millis).build()));
        try {
            Response response = restClient.performRequest(request);
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Attempt(response.getStatusLine().getStatusCode(), text, false);
        } catch (ResponseException e) {
            Response response = e.getResponse();
            String text;
            try {
                text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                text = "";
            }
            return new Attempt(response.getStatusLine().getStatusCode(), text, false);
        } catch (SocketTimeoutException e) {
            return new Attempt(0, "", true);
        } catch (IOException e) {
            throw ioFailure(phase, alias, action, null, e);
        }
    }

    /** A cluster's name and its nodes' names and versions. */
    record Nodes(String clusterName, Map<String, String> versions) {}

    /**
     * Reads node names and versions. Raw so that decoding does not depend on node info fields
     * added after 8.10.
     * NOTE: the typed NodeInfo requires fields such as index_version; whether 8.10 nodes return
     * them was not checked, so this call avoids the question.
     */
    Nodes nodes(Phase phase, String alias, String nextStep) throws MigrationException {
        Map<String, Object> response = raw(phase, alias, "GET", "/_nodes/_all/process", null,
                "reading node versions", nextStep);
        Map<String, String> versions = new java.util.TreeMap<>();
        Object nodes = response == null ? null : response.get("nodes");
        if (nodes instanceof Map) {
            for (Object value : ((Map<?, ?>) nodes).values()) {
                Map<?, ?> node = (Map<?, ?>) value;
                versions.put(String.valueOf(node.get("name")), String.valueOf(node.get("version")));
            }
        }
        if (versions.isEmpty()) {
            // Another service on that port (a proxy page, Kibana) can answer 200 with other JSON.
            throw new MigrationException(phase, name(), alias, null,
                    "reading node versions on " + connection.urls() + " returned no Elasticsearch node",
                    "check that the URL points at the HTTP port of an Elasticsearch node", null);
        }
        return new Nodes(response == null ? null : String.valueOf(response.get("cluster_name")), versions);
    }

    /** Serializes a typed response object to plain maps and lists. */
    Map<String, Object> toMap(JsonpSerializable value) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator generator = mapper.jsonProvider().createGenerator(writer)) {
            value.serialize(generator, mapper);
        }
        try {
            return JSON.readValue(writer.toString(), MAP);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read back serialized JSON", e);
        }
    }

    MigrationException failure(Phase phase, String alias, String action, ErrorCause error, int status,
            String nextStep, Exception cause) {
        String type = error == null ? "http_" + status : error.type();
        String reason = error == null ? String.valueOf(cause.getMessage()) : error.reason();
        if (error != null && error.causedBy() != null && error.causedBy().reason() != null) {
            reason = reason + " (caused by " + error.causedBy().type() + ": " + error.causedBy().reason() + ")";
        }
        return new MigrationException(phase, name(), alias, type, scrub(action + " failed: " + reason),
                nextStep, null);
    }

    /**
     * Describes a request that got no HTTP response. It names the URLs, and for a failed TLS
     * handshake or host name check it names the trust settings to give.
     */
    private MigrationException ioFailure(Phase phase, String alias, String action, String nextStep,
            Exception e) {
        String where = action + " on " + connection.urls() + " failed: ";
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return new MigrationException(phase, name(), alias, null,
                        scrub(where + "the TLS certificate was not accepted (" + describe(e) + ")"),
                        "give connection '" + name() + "' the CA certificate that signs the cluster's "
                                + "HTTP certificate (caCertificate) or a SHA-256 fingerprint from its chain "
                                + "(caFingerprint), and use a host name the certificate lists; it now trusts "
                                + connection.tlsTrust(),
                        null);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return new MigrationException(phase, name(), alias, null, scrub(where + describe(e)),
                nextStep == null ? "check that " + connection.urls() + " is reachable" : nextStep, null);
    }

    /** Removes registered secrets and the connection's own secret from {@code text}. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        if (connection.authentication().appearsIn(result)) {
            result = "(message withheld: it contained a credential)";
        }
        if (result.length() > MAX_MESSAGE_LENGTH) {
            // A proxy's error page can be megabytes long, and all of it would reach the console.
            result = result.substring(0, MAX_MESSAGE_LENGTH) + "... (" + (result.length() - MAX_MESSAGE_LENGTH)
                    + " more characters cut)";
        }
        return result;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + ": " + message;
    }

    static Map<String, Object> orderedMap() {
        return new LinkedHashMap<>();
    }

    private static HttpHost host(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : (uri.getScheme().equalsIgnoreCase("https") ? 443 : 80);
        return new HttpHost(uri.getHost(), port, uri.getScheme().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void close() {
        try {
            restClient.close();
        } catch (IOException e) {
            // Closing only releases local connections; nothing is left to undo on the cluster.
        }
    }
}
