package io.jenkins.plugins.esremote.engine;

import java.time.Duration;

/**
 * What {@code verify} checks besides {@code _remote/info}. {@code probeIndex}: a remote index
 * pattern searched through the alias ({@code <alias>:<probeIndex>}, size 0), or {@code null} to
 * skip. {@code keyExpiryWarning}: warn when the key expires sooner than this.
 */
public record VerifyRequest(String probeIndex, Duration keyExpiryWarning) {

    public static final Duration DEFAULT_KEY_EXPIRY_WARNING = Duration.ofDays(30);

    public VerifyRequest {
        if (probeIndex != null && probeIndex.isBlank()) {
            probeIndex = null;
        }
        if (probeIndex != null && probeIndex.contains(":")) {
            throw new IllegalArgumentException(
                    "Invalid probe index '" + probeIndex
                            + "': give the remote index name without the alias prefix.");
        }
        keyExpiryWarning = keyExpiryWarning == null ? DEFAULT_KEY_EXPIRY_WARNING : keyExpiryWarning;
    }

    public static VerifyRequest defaults() {
        return new VerifyRequest(null, null);
    }

    public static VerifyRequest probing(String index) {
        return new VerifyRequest(index, null);
    }
}
