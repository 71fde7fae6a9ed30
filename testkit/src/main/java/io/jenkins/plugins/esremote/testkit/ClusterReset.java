package io.jenkins.plugins.esremote.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Brings both clusters back to the "before" state after a test, touching only what differs so
 * that a test that changed nothing costs a few requests.
 */
final class ClusterReset {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMULATION_RESET = "/_testkit/emulation/_reset";

    private final EsClusters clusters;
    private final Map<String, Map<String, JsonNode>> settingsBefore = new HashMap<>();
    private final Map<String, Boolean> emulationPresent = new ConcurrentHashMap<>();
    private final Map<String, byte[]> keystoreBefore = new HashMap<>();

    ClusterReset(EsClusters clusters) {
        this.clusters = clusters;
    }

    void recordBeforeState() {
        for (EsNode node : List.of(clusters.local(), clusters.remote())) {
            settingsBefore.put(node.clusterName() + ".persistent", flatSettings(node, "persistent"));
            settingsBefore.put(node.clusterName() + ".transient", flatSettings(node, "transient"));
            keystoreBefore.put(node.clusterName(), readKeystore(node));
        }
    }

    /** Resets both clusters in parallel, then waits for the alias if it was changed. */
    void run() {
        CompletableFuture<Boolean> remote = CompletableFuture.supplyAsync(() -> reset(clusters.remote()));
        boolean aliasChanged = reset(clusters.local());
        try {
            aliasChanged |= remote.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (aliasChanged) {
            clusters.awaitAliasConnected();
        }
    }

    /** Resets one cluster and returns whether its remote cluster settings or credentials changed. */
    private boolean reset(EsNode node) {
        resetEmulation(node);
        boolean keystoreChanged = keystoreChanged(node);
        if (keystoreChanged) {
            // Drop the remote connections first: reloading credentials while an alias is
            // still defined makes the node rebuild that connection, which can take seconds.
            clearRemoteSettings(node);
            restoreKeystore(node);
        }
        boolean settingsChanged = restoreSettings(node);
        deleteIndices(node);
        deleteUsers(node);
        deleteRoles(node);
        invalidateApiKeys(node);
        return settingsChanged || keystoreChanged;
    }

    /**
     * Puts back the keystore file as it was before the tests and reloads secure settings, which
     * removes any {@code cluster.remote.*.credentials} a test added. Comparing and copying the
     * file avoids starting a keystore tool JVM, and its key derivation, on every reset.
     */
    private void restoreKeystore(EsNode node) {
        byte[] before = keystoreBefore.get(node.clusterName());
        Path keystore = node.keystoreFile();
        Path temporary = keystore.resolveSibling(keystore.getFileName() + ".testkit-reset");
        try {
            Files.write(temporary, before);
            Files.move(temporary, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to restore " + keystore, e);
        }
        node.reloadSecureSettings();
    }

    private boolean keystoreChanged(EsNode node) {
        return Arrays.equals(keystoreBefore.get(node.clusterName()), readKeystore(node)) == false;
    }

    /** Sets every {@code cluster.remote.*} setting to null, persistent and transient. */
    private static void clearRemoteSettings(EsNode node) {
        for (String scope : List.of("transient", "persistent")) {
            ObjectNode clear = JSON.createObjectNode();
            for (String key : flatSettings(node, scope).keySet()) {
                if (key.startsWith("cluster.remote.")) {
                    clear.putNull(key);
                }
            }
            if (clear.isEmpty() == false) {
                putSettings(node, scope, clear);
            }
        }
    }

    private static byte[] readKeystore(EsNode node) {
        try {
            return Files.readAllBytes(node.keystoreFile());
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + node.keystoreFile(), e);
        }
    }

    /** Sets every persistent and transient cluster setting back to its value before the tests. */
    private boolean restoreSettings(EsNode node) {
        boolean changed = false;
        for (String scope : List.of("transient", "persistent")) {
            Map<String, JsonNode> before = settingsBefore.get(node.clusterName() + "." + scope);
            Map<String, JsonNode> now = flatSettings(node, scope);
            ObjectNode update = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> entry : now.entrySet()) {
                if (before.containsKey(entry.getKey()) == false) {
                    update.putNull(entry.getKey());
                }
            }
            for (Map.Entry<String, JsonNode> entry : before.entrySet()) {
                if (entry.getValue().equals(now.get(entry.getKey())) == false) {
                    update.set(entry.getKey(), entry.getValue());
                }
            }
            if (update.isEmpty()) {
                continue;
            }
            // Null the remote settings first: a mode change is rejected while the other mode's
            // settings are still set.
            ObjectNode clearAlias = JSON.createObjectNode();
            update.fieldNames().forEachRemaining(key -> {
                if (key.startsWith("cluster.remote.")) {
                    clearAlias.putNull(key);
                }
            });
            if (clearAlias.isEmpty() == false) {
                putSettings(node, scope, clearAlias);
            }
            putSettings(node, scope, update);
            changed = true;
        }
        return changed;
    }

    private static void putSettings(EsNode node, String scope, ObjectNode settings) {
        Request request = new Request("PUT", "/_cluster/settings");
        ObjectNode body = JSON.createObjectNode();
        body.set(scope, settings);
        request.setJsonEntity(body.toString());
        node.perform(request);
    }

    private static Map<String, JsonNode> flatSettings(EsNode node, String scope) {
        JsonNode settings = EsClusters.json(node.perform(new Request("GET", "/_cluster/settings?flat_settings=true"))).path(scope);
        Map<String, JsonNode> flat = new HashMap<>();
        settings.fields().forEachRemaining(entry -> flat.put(entry.getKey(), entry.getValue()));
        return flat;
    }

    /**
     * Deletes every index whose name does not start with a dot. The nodes have no data stream
     * support (that module is not on Maven Central), so indices are all there is.
     */
    private static void deleteIndices(EsNode node) {
        JsonNode indices = EsClusters.json(node.perform(new Request("GET", "/_cat/indices?format=json&h=index&expand_wildcards=open,closed")));
        List<String> names = new ArrayList<>();
        for (JsonNode index : indices) {
            String name = index.path("index").asText();
            if (name.startsWith(".") == false) {
                names.add(name);
            }
        }
        if (names.isEmpty() == false) {
            node.perform(new Request("DELETE", "/" + String.join(",", names) + "?expand_wildcards=open,closed"));
        }
    }

    private static void deleteUsers(EsNode node) {
        JsonNode users = EsClusters.json(node.perform(new Request("GET", "/_security/user")));
        for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> user = it.next();
            if (isReserved(user.getValue()) == false) {
                node.perform(new Request("DELETE", "/_security/user/" + user.getKey()));
            }
        }
    }

    private static void deleteRoles(EsNode node) {
        JsonNode roles = EsClusters.json(node.perform(new Request("GET", "/_security/role")));
        for (Iterator<Map.Entry<String, JsonNode>> it = roles.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> role = it.next();
            if (isReserved(role.getValue()) == false) {
                node.perform(new Request("DELETE", "/_security/role/" + role.getKey()));
            }
        }
    }

    private static boolean isReserved(JsonNode entity) {
        return entity.path("metadata").path("_reserved").asBoolean(false);
    }

    /** Invalidates every valid API key, REST and cross-cluster alike. */
    private static void invalidateApiKeys(EsNode node) {
        JsonNode keys = EsClusters.json(node.perform(new Request("GET", "/_security/api_key?active_only=true")));
        List<String> ids = new ArrayList<>();
        for (JsonNode key : keys.path("api_keys")) {
            ids.add(key.path("id").asText());
        }
        if (ids.isEmpty()) {
            return;
        }
        Request invalidate = new Request("DELETE", "/_security/api_key");
        ObjectNode body = JSON.createObjectNode();
        ids.forEach(body.putArray("ids")::add);
        invalidate.setJsonEntity(body.toString());
        node.perform(invalidate);
    }

    /** Clears emulated CCR, transform and ML tasks where the emulation plugin is loaded. */
    private void resetEmulation(EsNode node) {
        if (Boolean.FALSE.equals(emulationPresent.get(node.clusterName()))) {
            return;
        }
        try {
            node.restClient().performRequest(new Request("POST", EMULATION_RESET));
            emulationPresent.put(node.clusterName(), true);
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404 || status == 405 || status == 400) {
                emulationPresent.put(node.clusterName(), false);
                return;
            }
            throw new IllegalStateException("POST " + EMULATION_RESET + " failed on " + node.clusterName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
