package io.jenkins.plugins.esremote.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks, before the switch breaks the alias, that the local cluster reaches a remote cluster
 * server at the target address. A temporary alias is connected there without credentials, and
 * the error that Elasticsearch returns for a search through it distinguishes the cases:
 *
 * <ul>
 *   <li>a missing {@code _cross_cluster_access_credentials} header: the address is a remote
 *       cluster server and its TLS handshake succeeded, so the switch may go ahead;
 *   <li>a connection that works without credentials: the address is a transport port with
 *       certificate trust;
 *   <li>a failed connection or TLS handshake, or no transport handshake at all (an HTTP port
 *       accepts the connection and may never respond): the switch would leave the alias
 *       disconnected.
 * </ul>
 *
 * <p>Any other response makes the check inconclusive, and the switch goes ahead with a warning. The
 * temporary alias is journaled before it is created and removed before the switch, or by
 * rollback.
 *
 * <p>NOTE: without credentials the local nodes connect with the transport TLS settings, not
 * those under {@code xpack.security.remote_cluster_client.ssl}, so a trust problem that only
 * those settings have is not found here.
 */
final class RemotePortCheck {

    /** How long the search through the temporary alias may take before the check fails. */
    static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(15);

    /**
     * The text of a remote cluster server's error reason for a request without the credentials
     * header. Elasticsearch 8.19 and 9.5 report "... require transport header
     * [_cross_cluster_access_credentials] but none found ...". An alias or host name in an echoed
     * reason cannot contain the space, so it never matches.
     */
    private static final String MISSING_CREDENTIALS = "transport header [_cross_cluster_access_credentials]";

    private final Context context;
    private final AliasSettings settings;

    RemotePortCheck(Context context, AliasSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    /**
     * Returns the temporary alias's name: the alias with {@code -port-check} appended. Elasticsearch
     * reads an index expression that starts with '-' as an exclusion, so an alias such as
     * {@code -lead} gets {@code port-check-lead} instead, which a search can name.
     */
    String checkAlias() {
        if (context.alias.startsWith("-")) {
            return "port-check" + context.alias;
        }
        return context.alias + "-port-check";
    }

    /**
     * Runs the check at the addresses that reconnect connects to: the proxy address, or the sniff
     * seeds in turn until one passes or is inconclusive, because Elasticsearch also moves on to the
     * next seed when one fails. Returns the warnings, which are empty when the first address
     * passes, and throws when every address fails.
     *
     * <p>NOTE: in sniff mode only the seeds are checked, not the remote nodes' remote cluster
     * publish addresses that a seed returns and the alias then connects to.
     */
    List<String> run(Phase phase, List<String> addresses, String serverName) throws MigrationException {
        List<String> warnings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Verdict first = null;
        for (String address : addresses) {
            Verdict verdict = check(phase, address, serverName);
            if (verdict.failure() == null) {
                if (verdict.warning() != null) {
                    warnings.add(verdict.warning());
                }
                return warnings;
            }
            if (first == null) {
                first = verdict;
            }
            failures.add(address + ": " + verdict.failure());
            warnings.add("the remote cluster port check failed at seed " + address + " (" + verdict.failure()
                    + "); the switch goes ahead because a later seed passed it");
        }
        if (first == null) {
            throw new IllegalArgumentException("no remote cluster address to check");
        }
        if (addresses.size() == 1) {
            throw failure(phase, first.failure(), first.nextStep());
        }
        throw failure(phase, "none of the sniff seeds " + addresses + " is a reachable remote cluster server: "
                + String.join("; ", failures), "give the remote cluster server address (remote_cluster.port on the "
                        + "remote nodes, 9443 by default) of at least one remote node; the alias was not changed");
    }

    /** A check's result at one address: a pass, an inconclusive result's warning, or a failure. */
    private record Verdict(String warning, String failure, String nextStep) {

        static final Verdict PASS = new Verdict(null, null, null);

        static Verdict warning(String warning) {
            return new Verdict(warning, null, null);
        }

        static Verdict failure(String failure, String nextStep) {
            return new Verdict(null, failure, nextStep);
        }
    }

    /**
     * Connects the temporary alias to {@code address}, searches through it, removes it and returns
     * the verdict. Throws only when the local cluster fails a request or the alias name is taken.
     */
    private Verdict check(Phase phase, String address, String serverName) throws MigrationException {
        String name = checkAlias();
        String prefix = "cluster.remote." + name + ".";
        boolean existing = exists(settings.readDynamic(phase, name));
        if (existing && !name.equals(context.journal.portCheckAlias)) {
            throw new MigrationException(phase, context.local.name(), context.alias, null,
                    "alias '" + name + "', which the remote cluster port check uses, is already configured "
                            + "on the local cluster",
                    "remove the cluster.remote." + name + ".* settings or turn the remote port check off",
                    null);
        }
        if (existing) {
            // An interrupted check left these, and their optional keys, such as server_name, would
            // otherwise stay under the new settings.
            remove(phase, name);
        }

        context.journal.portCheckAlias = name;
        String action = "connect temporary alias '" + name + "' to " + address
                + " without credentials to check the remote cluster port";
        context.intent(phase, context.local, action);
        Map<String, Object> temporary = new LinkedHashMap<>();
        temporary.put(prefix + "mode", "proxy");
        temporary.put(prefix + "proxy_address", address);
        temporary.put(prefix + "proxy_socket_connections", 1);
        temporary.put(prefix + "skip_unavailable", false);
        if (serverName != null) {
            temporary.put(prefix + "server_name", serverName);
        }
        long started = System.nanoTime();
        Verdict verdict;
        try {
            // Elasticsearch returns from this update once the temporary alias's connection attempt ends.
            settings.apply(phase, temporary, Map.of(), "run rollback to remove the temporary alias");
            EsClient.Attempt search = context.local.attempt(phase, context.alias, "GET",
                    "/" + name + ":*/_search?size=0", SEARCH_TIMEOUT, "searching through alias '" + name + "'");
            boolean connected = settings.status(phase, name).connected();
            verdict = judge(address, serverName, search, connected);
        } catch (MigrationException | RuntimeException e) {
            try {
                remove(phase, name);
            } catch (MigrationException removal) {
                context.warn(phase, context.local.name(), "the temporary alias '" + name + "' could not be "
                        + "removed (" + removal.getMessage() + "); rollback removes it");
            }
            throw e;
        }
        remove(phase, name);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String detail;
        if (verdict.failure() != null) {
            detail = "failed: " + verdict.failure();
        } else if (verdict.warning() != null) {
            detail = verdict.warning();
        } else {
            detail = "reachable";
        }
        context.outcome(phase, context.local, action, "done", detail);
        if (verdict == Verdict.PASS) {
            context.info(phase, context.local.name(), "the remote cluster server at " + address
                    + " is reachable from the local cluster and refuses connections without credentials "
                    + "(checked in " + millis + " ms)");
        }
        return verdict;
    }

    private static Verdict judge(String address, String serverName, EsClient.Attempt search,
            boolean connected) {
        String body = search.body() == null ? "" : search.body();
        EsErrorBody error = EsErrorBody.parse(body);
        if (connected || search.status() == 200) {
            return Verdict.failure("address " + address + " accepted a connection without API key credentials, "
                    + "so it is a transport port with certificate trust, not a remote cluster server port",
                    "give the remote cluster server address (remote_cluster.port on the remote nodes, 9443 by "
                            + "default); the alias was not changed");
        }
        if (error.reasons().stream().anyMatch(reason -> reason.contains(MISSING_CREDENTIALS))) {
            return Verdict.PASS;
        }
        if (search.timedOut()) {
            return Verdict.failure("no transport handshake from " + address + " within "
                    + SEARCH_TIMEOUT.toSeconds() + " s", "check that " + address
                    + " is the remote cluster server port and not the HTTP port; the alias was not changed");
        }
        if (error.types().stream().anyMatch(RemotePortCheck::isConnectionFailure)) {
            String target = serverName == null ? address : address + " with server name '" + serverName + "'";
            String cause = error.shortReasonOr(body);
            List<String> reasons = error.reasons();
            if (reasons.size() > 1 && !reasons.get(reasons.size() - 1).equals(reasons.get(0))) {
                // The first reason names the alias and address, and the last one is the innermost cause.
                cause += " (cause: " + EsErrorBody.shorten(reasons.get(reasons.size() - 1)) + ")";
            }
            String checks = serverName == null ? "the address" : "the address, the server_name";
            return Verdict.failure("the local cluster cannot connect to the remote cluster server at " + target
                    + ": " + cause, "check " + checks + ", the firewalls between the clusters and the TLS "
                            + "settings of both; the alias was not changed");
        }
        return Verdict.warning("the remote cluster port check at " + address + " was inconclusive (HTTP "
                + search.status() + ": " + error.shortReasonOr(body) + "); the switch goes ahead");
    }

    /**
     * Returns whether an Elasticsearch error type is a failed connection or TLS handshake. Java
     * exceptions are named in snake case, so {@code SSLHandshakeException} is
     * {@code s_s_l_handshake_exception}; the underscores are dropped before matching.
     */
    static boolean isConnectionFailure(String type) {
        String name = type.toLowerCase(Locale.ROOT).replace("_", "");
        return name.equals("connecttransportexception") || name.equals("noseednodeleftexception")
                || name.contains("ssl") || name.contains("handshake");
    }

    private MigrationException failure(Phase phase, String message, String nextStep) {
        return new MigrationException(phase, context.local.name(), context.alias, null, message, nextStep, null);
    }

    private static boolean exists(Map<String, Object> dynamic) {
        return !((Map<?, ?>) dynamic.get("persistent")).isEmpty() || !((Map<?, ?>) dynamic.get("transient")).isEmpty();
    }

    /** Removes every setting of the temporary alias and clears it from the journal. */
    void remove(Phase phase, String name) throws MigrationException {
        Map<String, Object> current = settings.readDynamic(phase, name);
        settings.apply(phase, AliasSettings.removal((Map<?, ?>) current.get("persistent")),
                AliasSettings.removal((Map<?, ?>) current.get("transient")),
                "remove the cluster.remote." + name + ".* settings, or run rollback");
        context.journal.portCheckAlias = null;
        context.save(phase);
    }
}
