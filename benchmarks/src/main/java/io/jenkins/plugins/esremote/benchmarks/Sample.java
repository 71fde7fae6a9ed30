package io.jenkins.plugins.esremote.benchmarks;

/**
 * One observation of the alias from the local cluster.
 *
 * @param nanos {@link System#nanoTime()} when the sample's first request was sent
 * @param connected whether {@code GET /_remote/info} reported the alias with {@code connected: true}
 * @param credentials whether that entry had {@code cluster_credentials}, which only API-key
 *     connections show
 * @param probeSucceeded whether a cross-cluster search through the alias returned the probe
 *     document from the remote cluster without skipping it
 * @param error the first failure of the sample, or {@code null}
 */
public record Sample(long nanos, boolean connected, boolean credentials, boolean probeSucceeded, String error) {

    /** Returns whether the alias was usable: connected, and the probe search succeeded. */
    public boolean usable() {
        return connected && probeSucceeded;
    }

    /** Returns whether the alias was usable in the target model: API key or certificates. */
    public boolean reached(boolean targetCredentials) {
        return usable() && credentials == targetCredentials;
    }
}
