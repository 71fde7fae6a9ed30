package io.jenkins.plugins.esremote.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach one cluster: a display name, one or more HTTP(S) URLs of its nodes,
 * authentication, TLS trust and timeouts. Immutable; {@link #toString()} never shows a secret.
 */
public final class ClusterConnection {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);

    /** The HTTP client counts timeouts in int milliseconds, so longer ones would wrap around. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(24);

    private final String name;
    private final List<URI> urls;
    private final Authentication authentication;
    private final TlsTrust tlsTrust;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    private ClusterConnection(Builder builder) {
        this.name = builder.name;
        this.urls = Collections.unmodifiableList(new ArrayList<>(builder.urls));
        this.authentication = builder.authentication;
        this.tlsTrust = builder.tlsTrust;
        this.connectTimeout = builder.connectTimeout;
        this.socketTimeout = builder.socketTimeout;
    }

    /** Starts a connection description; {@code name} appears in logs and errors. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<URI> urls() {
        return urls;
    }

    public Authentication authentication() {
        return authentication;
    }

    public TlsTrust tlsTrust() {
        return tlsTrust;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    @Override
    public String toString() {
        return "ClusterConnection{name=" + name + ", urls=" + urls + ", authentication="
                + authentication + ", tls=" + tlsTrust + ", connectTimeout=" + connectTimeout
                + ", socketTimeout=" + socketTimeout + "}";
    }

    /** Collects the parts of a {@link ClusterConnection} and checks them in {@link #build()}. */
    public static final class Builder {
        private final String name;
        private final List<URI> urls = new ArrayList<>();
        private Authentication authentication;
        private TlsTrust tlsTrust = TlsTrust.jdkDefault();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Missing cluster connection name.");
            }
            this.name = name.trim();
        }

        /** Adds one node URL such as {@code https://es1.example.com:9200}. */
        public Builder url(String url) {
            urls.add(parseUrl(url));
            return this;
        }

        /** Adds several node URLs. */
        public Builder urls(List<String> values) {
            for (String value : values) {
                url(value);
            }
            return this;
        }

        public Builder authentication(Authentication value) {
            this.authentication = Objects.requireNonNull(value, "authentication");
            return this;
        }

        public Builder tlsTrust(TlsTrust value) {
            this.tlsTrust = value == null ? TlsTrust.jdkDefault() : value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = requirePositive(value, "connect timeout");
            return this;
        }

        public Builder socketTimeout(Duration value) {
            this.socketTimeout = requirePositive(value, "socket timeout");
            return this;
        }

        public ClusterConnection build() {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException(
                        "Missing URL for cluster connection '" + name + "': give at least one, "
                                + "for example https://es1.example.com:9200.");
            }
            if (authentication == null) {
                throw new IllegalArgumentException(
                        "Missing authentication for cluster connection '" + name
                                + "': give user and password, an API key or a bearer token.");
            }
            return new ClusterConnection(this);
        }

        private URI parseUrl(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        "Missing URL for cluster connection '" + name + "'.");
            }
            String redacted = withoutUserInfo(value.trim());
            URI uri;
            try {
                uri = new URI(value.trim());
            } catch (URISyntaxException e) {
                // The cause is left out: its message repeats the input, user information included.
                throw new IllegalArgumentException(
                        "Invalid URL '" + redacted + "' for cluster connection '" + name + "': "
                                + e.getReason() + ". Use the form https://host:9200.");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException(
                        "Invalid URL '" + redacted + "' for cluster connection '" + name
                                + "': the scheme must be https (or http without TLS).");
            }
            if (uri.getRawUserInfo() != null || value.indexOf('@') >= 0) {
                throw new IllegalArgumentException(
                        "Invalid URL for cluster connection '" + name
                                + "': it contains user information. Pass credentials as "
                                + "authentication, not in the URL.");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "Invalid URL '" + redacted + "' for cluster connection '" + name
                                + "': no host name. Use the form https://host:9200.");
            }
            String path = uri.getRawPath();
            if ((path != null && !path.isEmpty() && !path.equals("/"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "Invalid URL '" + redacted + "' for cluster connection '" + name
                                + "': it has a path, query or fragment, which the client would "
                                + "ignore. Give only scheme, host and port, such as https://host:9200.");
            }
            for (URI known : urls) {
                if (sameNode(known, uri)) {
                    throw new IllegalArgumentException(
                            "Invalid URL '" + redacted + "' for cluster connection '" + name
                                    + "': the same node is listed twice. Give each URL once.");
                }
            }
            return uri;
        }

        private static boolean sameNode(URI a, URI b) {
            return a.getScheme().equalsIgnoreCase(b.getScheme())
                    && a.getHost().equalsIgnoreCase(b.getHost())
                    && port(a) == port(b);
        }

        private static int port(URI uri) {
            return uri.getPort() != -1 ? uri.getPort() : (uri.getScheme().equalsIgnoreCase("https") ? 443 : 80);
        }

        /** Drops everything between the scheme and the last {@code @}, so no password is echoed. */
        private static String withoutUserInfo(String value) {
            int at = value.lastIndexOf('@');
            if (at < 0) {
                return value;
            }
            int scheme = value.indexOf("://");
            String prefix = scheme >= 0 && scheme < at ? value.substring(0, scheme + 3) : "";
            return prefix + "****@" + value.substring(at + 1);
        }

        private static Duration requirePositive(Duration value, String what) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(
                        "Invalid " + what + " '" + value + "': it must be a positive duration.");
            }
            if (value.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(
                        "Invalid " + what + " '" + value + "': the HTTP client takes at most "
                                + MAX_TIMEOUT.toDays() + " days. Give a shorter duration.");
            }
            return value;
        }
    }
}
