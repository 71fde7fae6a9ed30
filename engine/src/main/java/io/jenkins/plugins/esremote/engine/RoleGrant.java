package io.jenkins.plugins.esremote.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remote privileges one local role should get for the alias: either given explicitly or copied
 * from the {@code indices} privileges of named roles on the remote cluster (the roles that served
 * these users under the certificate model).
 */
public final class RoleGrant {

    /** The keys {@link #fromMap} reads; any other key is a typo. */
    private static final List<String> FIELDS = List.of("role", "copyFrom", "remoteIndices", "remoteCluster");

    private final String localRole;
    private final List<IndexPrivileges> remoteIndices;
    private final List<String> copyFromRemoteRoles;
    private final List<String> remoteClusterPrivileges;

    private RoleGrant(
            String localRole,
            List<IndexPrivileges> remoteIndices,
            List<String> copyFromRemoteRoles,
            List<String> remoteClusterPrivileges) {
        this.localRole = localRole;
        this.remoteIndices = Collections.unmodifiableList(new ArrayList<>(remoteIndices));
        this.copyFromRemoteRoles = List.copyOf(copyFromRemoteRoles);
        this.remoteClusterPrivileges = List.copyOf(remoteClusterPrivileges);
    }

    /** Gives {@code localRole} these {@code remote_indices} entries for the alias. */
    public static RoleGrant given(String localRole, List<IndexPrivileges> remoteIndices) {
        requireRole(localRole);
        if (remoteIndices == null || remoteIndices.isEmpty()) {
            throw new IllegalArgumentException(
                    "Missing remote index privileges for role '" + localRole + "'.");
        }
        return new RoleGrant(localRole, remoteIndices, List.of(), List.of());
    }

    /** Copies the index privileges of {@code remoteRoles} on the remote cluster. */
    public static RoleGrant copiedFrom(String localRole, List<String> remoteRoles) {
        requireRole(localRole);
        if (remoteRoles == null || remoteRoles.isEmpty()) {
            throw new IllegalArgumentException(
                    "Missing remote role names to copy privileges from for role '" + localRole + "'.");
        }
        return new RoleGrant(localRole, List.of(), remoteRoles, List.of());
    }

    /**
     * Also grants {@code remote_cluster} privileges (such as {@code monitor_enrich}); clusters
     * older than 8.15 reject them.
     */
    public RoleGrant withRemoteClusterPrivileges(List<String> privileges) {
        return new RoleGrant(localRole, remoteIndices, copyFromRemoteRoles, privileges);
    }

    /**
     * Reads {@code [role: 'x', copyFrom: ['a']]} or {@code [role: 'x', remoteIndices: [[names:
     * [...], privileges: [...]]], remoteCluster: ['monitor_enrich']]}.
     */
    public static RoleGrant fromMap(Map<String, ?> map) {
        for (Object key : map.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(
                        "Invalid role grant field '" + key + "' in " + map + ": use " + FIELDS + ".");
            }
        }
        Object role = map.get("role");
        if (!(role instanceof CharSequence)) {
            throw new IllegalArgumentException("Missing 'role' in role grant " + map + ".");
        }
        String localRole = role.toString();
        RoleGrant grant;
        if (map.get("copyFrom") != null) {
            grant = copiedFrom(localRole, strings(map.get("copyFrom"), "copyFrom", localRole));
        } else if (map.get("remoteIndices") != null) {
            List<IndexPrivileges> entries = new ArrayList<>();
            for (Object entry : list(map.get("remoteIndices"), "remoteIndices", localRole)) {
                if (!(entry instanceof Map)) {
                    throw new IllegalArgumentException(
                            "Invalid remoteIndices entry '" + entry + "' for role '" + localRole
                                    + "': expected a map such as [names: ['logs-*'], privileges: ['read']].");
                }
                entries.add(IndexPrivileges.fromMap((Map<?, ?>) entry, localRole));
            }
            grant = given(localRole, entries);
        } else {
            throw new IllegalArgumentException(
                    "Invalid role grant for '" + role + "': give 'copyFrom' (remote role names) "
                            + "or 'remoteIndices'.");
        }
        if (map.get("remoteCluster") != null) {
            grant = grant.withRemoteClusterPrivileges(strings(map.get("remoteCluster"), "remoteCluster", localRole));
        }
        return grant;
    }

    private static List<?> list(Object value, String field, String role) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(
                    "Invalid '" + field + "' value '" + value + "' for role '" + role
                            + "': it must be a list, such as ['" + value + "'].");
        }
        return (List<?>) value;
    }

    private static List<String> strings(Object value, String field, String role) {
        List<String> values = new ArrayList<>();
        for (Object item : list(value, field, role)) {
            if (!(item instanceof CharSequence) || item.toString().isBlank()) {
                throw new IllegalArgumentException(
                        "Invalid '" + field + "' entry '" + item + "' for role '" + role
                                + "': expected a non-blank name.");
            }
            values.add(item.toString());
        }
        return values;
    }

    public String localRole() {
        return localRole;
    }

    public List<IndexPrivileges> remoteIndices() {
        return remoteIndices;
    }

    public List<String> copyFromRemoteRoles() {
        return copyFromRemoteRoles;
    }

    public List<String> remoteClusterPrivileges() {
        return remoteClusterPrivileges;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("role", localRole);
        if (!copyFromRemoteRoles.isEmpty()) {
            map.put("copyFrom", copyFromRemoteRoles);
        }
        if (!remoteIndices.isEmpty()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            remoteIndices.forEach(entry -> entries.add(entry.toMap()));
            map.put("remoteIndices", entries);
        }
        if (!remoteClusterPrivileges.isEmpty()) {
            map.put("remoteCluster", remoteClusterPrivileges);
        }
        return map;
    }

    private static void requireRole(String localRole) {
        if (localRole == null || localRole.isBlank()) {
            throw new IllegalArgumentException("Missing local role name in a role grant.");
        }
    }

    /**
     * Index names and privileges of one {@code remote_indices} entry, without the cluster (the
     * engine adds the alias).
     */
    public record IndexPrivileges(List<String> names, List<String> privileges) {

        public IndexPrivileges {
            if (names == null || names.isEmpty()) {
                throw new IllegalArgumentException("Missing index names in remote index privileges.");
            }
            if (privileges == null || privileges.isEmpty()) {
                throw new IllegalArgumentException(
                        "Missing privileges for remote indices " + names + ", such as ['read'].");
            }
            names = List.copyOf(names);
            privileges = List.copyOf(privileges);
        }

        static IndexPrivileges fromMap(Map<?, ?> map, String role) {
            return new IndexPrivileges(strings(map.get("names"), "names", role),
                    strings(map.get("privileges"), "privileges", role));
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("names", names);
            map.put("privileges", privileges);
            return map;
        }
    }
}
