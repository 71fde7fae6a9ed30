package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch.cluster.GetClusterSettingsResponse;
import co.elastic.clients.elasticsearch.nodes.info.NodeInfo;
import co.elastic.clients.elasticsearch.security.User;
import co.elastic.clients.json.JsonData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Blocks certificate-based access on the remote cluster once the API key works. It sets an IP
 * filter on the remote's transport interface and checks that the alias is still connected
 * through the remote cluster server port. It can also delete roles that only served
 * cross-cluster work.
 */
final class CertificatePhase {

    static final String FILTER_PREFIX = "xpack.security.transport.filter.";
    private static final Phase PHASE = Phase.DISABLE_CERTIFICATE_ACCESS;

    private final Context context;

    CertificatePhase(Context context) {
        this.context = context;
    }

    DisableCertificateAccessResult run(DisableCertificateAccessRequest request) throws MigrationException {
        EsClient remote = context.requireRemote(PHASE);
        if (request.requireVerified() && !context.journal.verified) {
            throw new MigrationException(PHASE, remote.name(), context.alias, null,
                    "the migration has not passed verify, so certificate access stays enabled",
                    "run verify and fix what it reports first", null);
        }
        Journal.CertificateRecord record = context.journal.certificateAccess;
        if (record == null) {
            record = new Journal.CertificateRecord();
            context.journal.certificateAccess = record;
        }
        record.restored = false;
        boolean changed = false;
        List<String> warnings = new ArrayList<>();
        if (request.applyIpFilter()) {
            changed |= applyFilter(remote, request, record);
            List<String> shared = new ArrayList<>(nodeAddresses(context.local));
            shared.retainAll((List<?>) record.filterApplied.get(FILTER_PREFIX + "allow"));
            if (!shared.isEmpty()) {
                warnings.add("local cluster nodes use allowed addresses " + shared
                        + ", so the filter cannot block their certificate-based connections");
            }
        }
        List<String> deleted = new ArrayList<>();
        for (String role : request.deleteRoles()) {
            if (deleteRole(remote, role, record)) {
                changed = true;
            }
            deleted.add(role);
        }
        context.journal.phases.put(PHASE.id(), "done");
        context.save(PHASE);
        context.info(PHASE, remote.name(), (request.applyIpFilter() ? "transport IP filter "
                + record.filterApplied + "; " : "") + "deleted roles " + deleted);
        return new DisableCertificateAccessResult(remote.name(), context.alias,
                changed ? PhaseResult.Outcome.DONE : PhaseResult.Outcome.ALREADY_DONE, warnings,
                record.filterBefore, readFilter(remote), deleted);
    }

    private boolean applyFilter(EsClient remote, DisableCertificateAccessRequest request,
            Journal.CertificateRecord record) throws MigrationException {
        Map<String, Object> current = readFilter(remote);
        if (record.filterApplied != null
                && AliasSettings.matches((Map<?, ?>) current.get("persistent"), record.filterApplied)) {
            return false;
        }
        List<String> allow = request.allow().isEmpty() ? nodeAddresses(remote) : request.allow();
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put(FILTER_PREFIX + "allow", allow);
        filter.put(FILTER_PREFIX + "deny", "_all");
        if (record.filterBefore == null) {
            record.filterBefore = current;
        }
        record.filterApplied = filter;
        context.intent(PHASE, remote, "set the transport IP filter to allow " + allow + " and deny _all");
        Map<String, JsonData> persistent = new LinkedHashMap<>();
        filter.forEach((key, value) -> persistent.put(key, JsonData.of(value)));
        remote.call(PHASE, context.alias, "setting the transport IP filter",
                "run rollback to restore the original filter",
                client -> client.cluster().putSettings(r -> r.persistent(persistent)));
        context.outcome(PHASE, remote, "set the transport IP filter", "done", null);
        // NOTE: whether the transport filter also applies to the remote cluster server port when
        // xpack.security.remote_cluster.filter.* is unset was not checked against Elasticsearch's
        // source; this check catches it, but the filter then stays until rollback runs.
        new SwitchPhases(context).awaitConnection(PHASE, true,
                "the alias lost its API key connection after the filter was applied: run rollback");
        return true;
    }

    private boolean deleteRole(EsClient remote, String role, Journal.CertificateRecord record)
            throws MigrationException {
        RoleEditor roles = new RoleEditor(context);
        Map<String, Object> definition = roles.read(PHASE, remote, List.of(role)).get(role);
        if (definition == null) {
            if (record.deletedRoles.containsKey(role)) {
                return false;
            }
            throw new MigrationException(PHASE, remote.name(), context.alias, "role_not_found",
                    "role '" + role + "' does not exist on the remote cluster", "fix the role name", null);
        }
        Object reserved = definition.get("metadata") instanceof Map
                ? ((Map<?, ?>) definition.get("metadata")).get("_reserved")
                : null;
        if (Boolean.TRUE.equals(reserved)) {
            throw new MigrationException(PHASE, remote.name(), context.alias, null,
                    "role '" + role + "' is a built-in role and cannot be deleted", "remove it from the list", null);
        }
        List<String> users = usersWithRole(remote, role);
        if (!users.isEmpty()) {
            throw new MigrationException(PHASE, remote.name(), context.alias, null,
                    "role '" + role + "' is still assigned to users " + users
                            + ", so it does not serve only cross-cluster work",
                    "remove the role from those users or leave it out of the list", null);
        }
        record.deletedRoles.put(role, definition);
        context.intent(PHASE, remote, "delete role " + role);
        roles.delete(PHASE, remote, role);
        context.outcome(PHASE, remote, "delete role " + role, "done", null);
        return true;
    }

    private List<String> usersWithRole(EsClient remote, String role) throws MigrationException {
        Map<String, User> users = remote.call(PHASE, context.alias, "reading users", null,
                client -> client.security().getUser(r -> r)).result();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, User> user : users.entrySet()) {
            if (user.getValue().roles().contains(role)) {
                names.add(user.getKey());
            }
        }
        return names;
    }

    /** Reads the remote's transport filter settings: {@code {persistent: {...}, transient: {...}}}. */
    Map<String, Object> readFilter(EsClient remote) throws MigrationException {
        GetClusterSettingsResponse response = remote.call(PHASE, context.alias,
                "reading the remote cluster settings", null,
                client -> client.cluster().getSettings(r -> r.flatSettings(true)));
        Map<String, Object> all = remote.toMap(response);
        Map<String, Object> result = new LinkedHashMap<>();
        for (String scope : List.of("persistent", "transient")) {
            Map<String, Object> filtered = new TreeMap<>();
            Object settings = all.get(scope);
            if (settings instanceof Map) {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) settings).entrySet()) {
                    if (String.valueOf(entry.getKey()).startsWith(FILTER_PREFIX)) {
                        filtered.put(String.valueOf(entry.getKey()), entry.getValue());
                    }
                }
            }
            result.put(scope, filtered);
        }
        return result;
    }

    /** Lists the IP addresses of a cluster's nodes. */
    private List<String> nodeAddresses(EsClient cluster) throws MigrationException {
        Map<String, NodeInfo> nodes = cluster.call(PHASE, context.alias, "reading remote node addresses",
                null, client -> client.nodes().info(r -> r.metric("transport"))).nodes();
        List<String> addresses = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            String ip = node.ip() != null ? node.ip() : node.host();
            if (ip != null && !addresses.contains(ip)) {
                addresses.add(ip);
            }
        }
        return addresses;
    }
}
