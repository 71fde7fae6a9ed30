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
        if (probeIndex != null && !probeIndex.matches("[^,\\s]+")) {
            // A comma would add local targets to the <alias>:<probeIndex> search.
            throw new IllegalArgumentException(
                    "Invalid probe index '" + probeIndex
                            + "': give one index name or pattern, without commas or spaces.");
        }
        keyExpiryWarning = keyExpiryWarning == null ? DEFAULT_KEY_EXPIRY_WARNING : keyExpiryWarning;
        if (keyExpiryWarning.isNegative()) {
            throw new IllegalArgumentException(
                    "Invalid key expiry warning '" + keyExpiryWarning + "': give zero or a positive duration.");
        }
    }

    public static VerifyRequest defaults() {
        return new VerifyRequest(null, null);
    }

    public static VerifyRequest probing(String index) {
        return new VerifyRequest(index, null);
    }
}
