package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch.license.get.LicenseInformation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read-only checks every migration needs: node versions, licences, the remote cluster
 * server, how the alias is configured and whether the remote credentials can create a key.
 */
final class Preflight {

    private final Context context;
    private final AliasSettings settings;

    Preflight(Context context) {
        this.context = context;
        this.settings = new AliasSettings(context);
    }

    /** Findings of the checks; {@code blockers} lists what must be fixed before migrating. */
    static final class Facts {
        final List<String> blockers = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Map<String, Object> clusters = new LinkedHashMap<>();
        final List<String> remoteClusterAddresses = new ArrayList<>();
        Map<String, Object> dynamicSettings;
        Map<String, Object> staticSettings;
        String aliasConfiguration;
        AliasSettings.RemoteStatus status;
    }

    Facts run(Phase phase) throws MigrationException {
        Facts facts = new Facts();
        facts.clusters.put("local", describe(phase, context.local, facts, false));
        if (context.remote != null) {
            facts.clusters.put("remote", describe(phase, context.remote, facts, true));
            checkCanCreateKey(phase, facts);
        } else {
            facts.warnings.add("no remote cluster connection given: its versions, licence and "
                    + "remote cluster server were not checked");
        }
        checkPrivileges(phase, context.local, List.of("manage", "manage_security"), facts,
                "change cluster settings and roles and reload remote cluster credentials");
        facts.dynamicSettings = settings.readDynamic(phase);
        facts.staticSettings = settings.readStatic(phase);
        facts.aliasConfiguration = AliasSettings.configuration(facts.dynamicSettings, facts.staticSettings);
        facts.status = settings.status(phase);
        checkAlias(facts);
        return facts;
    }

    /** Returns the remote nodes' remote cluster server publish addresses, empty without a remote. */
    List<String> remoteClusterAddresses(Phase phase) throws MigrationException {
        if (context.remote == null) {
            return List.of();
        }
        Facts facts = new Facts();
        describeRemoteServer(phase, context.remote, facts, new LinkedHashMap<>());
        return facts.remoteClusterAddresses;
    }

    private Map<String, Object> describe(Phase phase, EsClient cluster, Facts facts, boolean isRemote)
            throws MigrationException {
        Map<String, Object> description = new LinkedHashMap<>();
        Map<String, Object> versions = new TreeMap<>();
        List<String> tooOld = new ArrayList<>();
        for (Map.Entry<String, String> node : cluster.nodes(phase, context.alias, null).versions().entrySet()) {
            versions.put(node.getKey(), node.getValue());
            if (!EsVersion.parse(node.getValue()).atLeast(EsVersion.MINIMUM)) {
                tooOld.add(node.getKey() + " (" + node.getValue() + ")");
            }
        }
        description.put("name", cluster.name());
        description.put("nodes", versions);
        if (!tooOld.isEmpty()) {
            facts.blockers.add("nodes of cluster '" + cluster.name() + "' run versions older than 8.10, "
                    + "which cannot use cross-cluster API keys: " + String.join(", ", tooOld)
                    + "; upgrade them first");
        }
        LicenseInformation license = cluster.call(phase, context.alias, "reading the licence", null,
                client -> client.license().get(r -> r)).license();
        String type = license.type().jsonValue().toLowerCase(Locale.ROOT);
        String status = license.status().jsonValue().toLowerCase(Locale.ROOT);
        description.put("license", type + " (" + status + ")");
        if (!(type.equals("enterprise") || type.equals("trial")) || !status.equals("active")) {
            facts.blockers.add("cluster '" + cluster.name() + "' has a " + type + " licence (" + status
                    + "); API key remote clusters need an active enterprise or trial licence on both "
                    + "clusters, otherwise the connection never comes up");
        }
        if (isRemote) {
            describeRemoteServer(phase, cluster, facts, description);
        }
        return description;
    }

    /**
     * Reads each remote node's {@code remote_cluster_server} section (present only when
     * {@code remote_cluster_server.enabled} is true); the typed node info does not model it.
     */
    private void describeRemoteServer(Phase phase, EsClient cluster, Facts facts,
            Map<String, Object> description) throws MigrationException {
        Map<String, Object> response = cluster.raw(phase, context.alias, "GET",
                "/_nodes/remote_cluster_server", null, "reading the remote cluster server", null);
        List<String> disabled = new ArrayList<>();
        Map<String, Object> addresses = new TreeMap<>();
        Object nodes = response == null ? null : response.get("nodes");
        if (nodes instanceof Map) {
            for (Object value : ((Map<?, ?>) nodes).values()) {
                Map<?, ?> node = (Map<?, ?>) value;
                Object server = node.get("remote_cluster_server");
                if (server instanceof Map && ((Map<?, ?>) server).get("publish_address") != null) {
                    String address = String.valueOf(((Map<?, ?>) server).get("publish_address"));
                    addresses.put(String.valueOf(node.get("name")), address);
                    if (!facts.remoteClusterAddresses.contains(address)) {
                        facts.remoteClusterAddresses.add(address);
                    }
                } else {
                    disabled.add(String.valueOf(node.get("name")));
                }
            }
        }
        description.put("remoteClusterServer", addresses);
        if (!disabled.isEmpty()) {
            facts.blockers.add("the remote cluster server is not enabled on remote nodes " + disabled
                    + ": set remote_cluster_server.enabled: true (and remote_cluster.host, TLS under "
                    + "xpack.security.remote_cluster_server.ssl.*) in their elasticsearch.yml and "
                    + "restart them");
        }
        for (String address : facts.remoteClusterAddresses) {
            if (address.startsWith("127.") || address.startsWith("[::1]") || address.startsWith("localhost")) {
                facts.warnings.add("remote cluster server publishes " + address
                        + ", a loopback address: other hosts cannot reach it unless remote_cluster.host "
                        + "is set");
            }
        }
    }

    private void checkPrivileges(Phase phase, EsClient cluster, List<String> privileges, Facts facts,
            String purpose) throws MigrationException {
        Map<String, Boolean> held = cluster.call(phase, context.alias, "checking the user's privileges", null,
                client -> client.security().hasPrivileges(r -> r.cluster(privileges))).cluster();
        List<String> missing = new ArrayList<>();
        for (String privilege : privileges) {
            if (!Boolean.TRUE.equals(held.get(privilege))) {
                missing.add(privilege);
            }
        }
        if (!missing.isEmpty()) {
            facts.blockers.add("the user of connection '" + cluster.name() + "' lacks the cluster privileges "
                    + missing + " needed to " + purpose + "; grant them to that user");
        }
    }

    private void checkCanCreateKey(Phase phase, Facts facts) throws MigrationException {
        checkPrivileges(phase, context.remote, List.of("manage_security"), facts,
                "create the cross-cluster API key");
        String type = context.remote.call(phase, context.alias, "checking the remote credentials", null,
                client -> client.security().authenticate()).authenticationType();
        if ("api_key".equals(type)) {
            facts.blockers.add("the remote cluster connection authenticates with an API key, which "
                    + "cannot create a cross-cluster API key: use a user with the manage_security "
                    + "privilege");
        }
    }

    private void checkAlias(Facts facts) {
        if (facts.aliasConfiguration.equals("absent")) {
            facts.blockers.add("alias '" + context.alias + "' is not configured on the local cluster "
                    + "(no cluster.remote." + context.alias + ".* settings): check the alias name");
            return;
        }
        if (facts.aliasConfiguration.equals("static")) {
            facts.blockers.add(staticInstructions(facts.staticSettings));
        }
        Boolean skip = facts.status.skipUnavailable();
        if (skip == null) {
            skip = context.localVersion.atLeast(EsVersion.SKIP_UNAVAILABLE_DEFAULT_TRUE);
        }
        if (skip) {
            facts.warnings.add("skip_unavailable is true for alias '" + context.alias + "': while the "
                    + "alias is switched, or if the API key connection fails, searches skip the remote "
                    + "silently instead of failing; verify checks _remote/info and the probe search's "
                    + "cluster status instead of trusting search results");
        }
        if (facts.status.credentials()) {
            facts.warnings.add("alias '" + context.alias + "' already uses API key credentials "
                    + "(cluster_credentials in _remote/info)");
        }
    }

    /** Describes what the operator must edit when the alias is in {@code elasticsearch.yml}. */
    String staticInstructions(Map<String, Object> staticSettings) {
        return "alias '" + context.alias + "' is defined in elasticsearch.yml on nodes "
                + staticSettings.keySet() + " (" + staticSettings.values().iterator().next()
                + "), not in the cluster settings, so the engine cannot change it over the API: on "
                + "every local node remove the cluster.remote." + context.alias + ".* lines from "
                + "elasticsearch.yml and restart, then define the alias with PUT _cluster/settings "
                + "(persistent) with the same values and run the migration again; or migrate by hand "
                + "by replacing the lines with cluster.remote." + context.alias + ".mode: proxy and "
                + "cluster.remote." + context.alias + ".proxy_address: <remote host>:9443";
    }
}
