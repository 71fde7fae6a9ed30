package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch.security.GetRoleResponse;
import co.elastic.clients.elasticsearch.security.PutRoleRequest;
import co.elastic.clients.elasticsearch.security.get_role.Role;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads role definitions as plain maps (so the journal keeps them whole), computes the remote
 * privileges a grant adds, and writes definitions back through the typed put-role request.
 */
final class RoleEditor {

    private final Context context;

    RoleEditor(Context context) {
        this.context = context;
    }

    /** Reads the definitions of {@code names} on {@code cluster}, leaving out missing roles. */
    Map<String, Map<String, Object>> read(Phase phase, EsClient cluster, List<String> names)
            throws MigrationException {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        if (names.isEmpty()) {
            return result;
        }
        GetRoleResponse response;
        try {
            response = cluster.typed().security().getRole(r -> r.name(names));
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (e.status() == 404) {
                return result;
            }
            throw cluster.failure(phase, context.alias, "reading roles " + names, e.error(),
                    e.status(), null, e);
        } catch (java.io.IOException e) {
            throw new MigrationException(phase, cluster.name(), context.alias, null,
                    "reading roles " + names + " failed: " + e.getMessage(), null, e);
        }
        for (Map.Entry<String, Role> entry : response.result().entrySet()) {
            result.put(entry.getKey(), definition(cluster, entry.getValue()));
        }
        return result;
    }

    /** Returns every local role whose remote privileges name the alias (or a matching wildcard). */
    Map<String, Map<String, Object>> usingAlias(Phase phase) throws MigrationException {
        GetRoleResponse response = context.local.call(phase, context.alias, "reading roles", null,
                client -> client.security().getRole(r -> r));
        Map<String, Map<String, Object>> result = new TreeMap<>();
        for (Map.Entry<String, Role> entry : response.result().entrySet()) {
            Map<String, Object> definition = definition(context.local, entry.getValue());
            if (namesAlias(definition.get("remote_indices")) || namesAlias(definition.get("remote_cluster"))) {
                result.put(entry.getKey(), definition);
            }
        }
        return result;
    }

    /**
     * Computes the definition {@code grant} leads to: the original plus the alias's
     * {@code remote_indices} / {@code remote_cluster} entries that are not there yet.
     */
    Map<String, Object> granted(Phase phase, RoleGrant grant, Map<String, Object> original)
            throws MigrationException {
        List<Map<String, Object>> additions = new ArrayList<>();
        for (RoleGrant.IndexPrivileges entry : grant.remoteIndices()) {
            Map<String, Object> privileges = new LinkedHashMap<>();
            privileges.put("clusters", List.of(context.alias));
            privileges.put("names", entry.names());
            privileges.put("privileges", entry.privileges());
            additions.add(privileges);
        }
        if (!grant.copyFromRemoteRoles().isEmpty()) {
            additions.addAll(copiedFromRemote(phase, grant));
        }
        Map<String, Object> updated = new LinkedHashMap<>(original);
        List<Object> remoteIndices = listOf(updated.get("remote_indices"));
        for (Map<String, Object> addition : additions) {
            if (!containsEntry(remoteIndices, addition)) {
                remoteIndices.add(addition);
            }
        }
        updated.put("remote_indices", remoteIndices);
        if (!grant.remoteClusterPrivileges().isEmpty()) {
            if (!context.localVersion.atLeast(EsVersion.REMOTE_CLUSTER_PRIVILEGES)) {
                throw new MigrationException(phase, context.local.name(), context.alias, null,
                        "role '" + grant.localRole() + "' asks for remote_cluster privileges "
                                + grant.remoteClusterPrivileges() + " but the local cluster runs "
                                + context.localVersion + " and only 8.15 or later accepts them",
                        "remove remoteCluster from the role grant or upgrade the local cluster", null);
            }
            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("clusters", List.of(context.alias));
            cluster.put("privileges", grant.remoteClusterPrivileges());
            List<Object> remoteCluster = listOf(updated.get("remote_cluster"));
            if (!containsEntry(remoteCluster, cluster)) {
                remoteCluster.add(cluster);
            }
            updated.put("remote_cluster", remoteCluster);
        }
        return updated;
    }

    /** Writes {@code definition} as role {@code name} on {@code cluster}. */
    void put(Phase phase, EsClient cluster, String name, Map<String, Object> definition)
            throws MigrationException {
        Map<String, Object> body = new LinkedHashMap<>(definition);
        // GET returns transient_metadata, which Elasticsearch computes and a PUT must not carry.
        body.remove("transient_metadata");
        String json;
        try {
            json = EsClient.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to serialize role " + name, e);
        }
        PutRoleRequest request = PutRoleRequest.of(r -> r.withJson(new StringReader(json)).name(name));
        cluster.call(phase, context.alias, "writing role " + name,
                "check the role definition and the user's manage_security privilege, then run "
                        + phase.id() + " again",
                client -> client.security().putRole(request));
    }

    void delete(Phase phase, EsClient cluster, String name) throws MigrationException {
        cluster.call(phase, context.alias, "deleting role " + name, null,
                client -> client.security().deleteRole(r -> r.name(name)));
    }

    /** Returns whether two definitions grant the same, ignoring computed fields. */
    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> left = new TreeMap<>(a);
        Map<String, Object> right = new TreeMap<>(b);
        left.remove("transient_metadata");
        right.remove("transient_metadata");
        normalizeEmpty(left);
        normalizeEmpty(right);
        return EsClient.JSON.valueToTree(left).equals(EsClient.JSON.valueToTree(right));
    }

    private static void normalizeEmpty(Map<String, Object> map) {
        map.entrySet().removeIf(entry -> entry.getValue() == null
                || (entry.getValue() instanceof List && ((List<?>) entry.getValue()).isEmpty())
                || (entry.getValue() instanceof Map && ((Map<?, ?>) entry.getValue()).isEmpty()));
    }

    private List<Map<String, Object>> copiedFromRemote(Phase phase, RoleGrant grant)
            throws MigrationException {
        EsClient remote = context.requireRemote(phase);
        Map<String, Map<String, Object>> remoteRoles = read(phase, remote, grant.copyFromRemoteRoles());
        List<Map<String, Object>> additions = new ArrayList<>();
        for (String name : grant.copyFromRemoteRoles()) {
            Map<String, Object> role = remoteRoles.get(name);
            if (role == null) {
                throw new MigrationException(phase, remote.name(), context.alias, "role_not_found",
                        "role '" + name + "' to copy privileges from does not exist on the remote cluster",
                        "fix the role name in the grant for '" + grant.localRole() + "'", null);
            }
            for (Object indices : listOf(role.get("indices"))) {
                Map<String, Object> copy = new LinkedHashMap<>();
                copy.put("clusters", List.of(context.alias));
                Map<?, ?> source = (Map<?, ?>) indices;
                for (String field : List.of("names", "privileges", "field_security", "query",
                        "allow_restricted_indices")) {
                    if (source.get(field) != null) {
                        copy.put(field, source.get(field));
                    }
                }
                additions.add(copy);
            }
        }
        if (additions.isEmpty()) {
            throw new MigrationException(phase, remote.name(), context.alias, null,
                    "remote roles " + grant.copyFromRemoteRoles() + " grant no index privileges to copy",
                    "give the remote index privileges for '" + grant.localRole() + "' explicitly", null);
        }
        return additions;
    }

    /** Returns whether two definitions have as many remote entries (no grant was added). */
    static boolean sameRemoteEntries(Map<String, Object> a, Map<String, Object> b) {
        return listOf(a.get("remote_indices")).size() == listOf(b.get("remote_indices")).size()
                && listOf(a.get("remote_cluster")).size() == listOf(b.get("remote_cluster")).size();
    }

    /** Compares entries ignoring {@code allow_restricted_indices: false}, which GET adds. */
    private static boolean containsEntry(List<Object> entries, Map<String, Object> wanted) {
        Map<String, Object> normalizedWanted = withoutDefaults(wanted);
        for (Object entry : entries) {
            if (entry instanceof Map && EsClient.JSON.valueToTree(withoutDefaults((Map<?, ?>) entry))
                    .equals(EsClient.JSON.valueToTree(normalizedWanted))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> withoutDefaults(Map<?, ?> entry) {
        Map<String, Object> result = new TreeMap<>();
        for (Map.Entry<?, ?> field : entry.entrySet()) {
            boolean defaultValue = field.getKey().equals("allow_restricted_indices")
                    && Boolean.FALSE.equals(field.getValue());
            if (!defaultValue && field.getValue() != null) {
                result.put(String.valueOf(field.getKey()), field.getValue());
            }
        }
        return result;
    }

    private boolean namesAlias(Object entries) {
        for (Object entry : listOf(entries)) {
            for (Object cluster : listOf(((Map<?, ?>) entry).get("clusters"))) {
                if (ClusterPatterns.wildcardMatches(String.valueOf(cluster), context.alias)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Object> listOf(Object value) {
        return value instanceof List ? new ArrayList<>((List<?>) value) : new ArrayList<>();
    }

    private static Map<String, Object> definition(EsClient cluster, Role role) {
        return cluster.toMap(role);
    }
}
