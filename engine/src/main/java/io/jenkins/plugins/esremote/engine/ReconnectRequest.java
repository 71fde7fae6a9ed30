package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How {@code reconnect} re-adds the alias: {@code proxy} mode (one address, through load
 * balancers) or {@code sniff} mode (seed addresses), at the remote cluster server port. Without
 * addresses, the engine uses the remote nodes' {@code remote_cluster_server} publish addresses.
 * {@code serverName} sets {@code cluster.remote.<alias>.server_name} in proxy mode.
 */
public record ReconnectRequest(Mode mode, List<String> addresses, String serverName) {

    /**
     * A host name or IPv4 address, or an IPv6 address in brackets, then a port. Elasticsearch
     * stores a:b:9443 and [localhost]:9443 as a proxy address but cannot connect with them, and
     * reads ::1:9443 as [::1]:9443, so the brackets are required.
     */
    private static final Pattern ADDRESS =
            Pattern.compile("(?:[A-Za-z0-9_.\\-]+|\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.\\-]+)?]):\\d{1,5}");

    /** The remote cluster connection mode. */
    public enum Mode {
        PROXY,
        SNIFF;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReconnectRequest {
        mode = mode == null ? Mode.PROXY : mode;
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        for (String address : addresses) {
            if (address == null || !ADDRESS.matcher(address).matches()
                    || !validPort(address.substring(address.lastIndexOf(':') + 1))) {
                throw new IllegalArgumentException(
                        "Invalid remote cluster address '" + address + "': use host:port, for example "
                                + "es1.example.com:9443, with an IPv6 address in brackets, such as [::1]:9443.");
            }
        }
        if (mode == Mode.PROXY && addresses.size() > 1) {
            throw new IllegalArgumentException(
                    "Invalid addresses " + addresses + " for proxy mode: it takes one address; "
                            + "use sniff mode for several seeds.");
        }
        if (serverName != null && serverName.isBlank()) {
            serverName = null;
        }
        if (serverName != null && mode == Mode.SNIFF) {
            throw new IllegalArgumentException(
                    "Invalid server name '" + serverName + "': it applies to proxy mode only.");
        }
    }

    private static boolean validPort(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535;
    }

    /** Proxy mode at the first remote cluster server publish address. */
    public static ReconnectRequest defaults() {
        return new ReconnectRequest(Mode.PROXY, List.of(), null);
    }

    public static ReconnectRequest proxy(String address) {
        return new ReconnectRequest(Mode.PROXY, List.of(address), null);
    }

    public static ReconnectRequest sniff(List<String> seeds) {
        return new ReconnectRequest(Mode.SNIFF, seeds, null);
    }
}
