package io.jenkins.plugins.esremote.engine;

import java.time.Duration;

/**
 * Settings that apply to every phase of one migration.
 *
 * <p>{@code keystoreAccess}: when given, {@code createCrossClusterKey} writes the key into every
 * local node's keystore and {@code rollback} removes it; otherwise the operator does both and the
 * engine says exactly what to run. {@code switchOrder}: {@code null} picks
 * {@link SwitchOrder#RELOAD_AND_REPOINT} on 8.13+ and {@link SwitchOrder#DOCUMENTED} before.
 * {@code connectionTimeout}: how long {@code reconnect}, {@code verify} and {@code rollback} wait
 * for the alias to connect. {@code pollInterval}: how often they check. {@code remotePortCheck}:
 * whether {@code reconnect} first checks, under a temporary alias, that the local cluster reaches a
 * remote cluster server at the target address (reload-and-repoint order only; see
 * {@code RemotePortCheck}).
 */
public record MigrationOptions(
        KeystoreAccess keystoreAccess,
        SwitchOrder switchOrder,
        Duration connectionTimeout,
        Duration pollInterval,
        boolean remotePortCheck) {

    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(20);

    public MigrationOptions {
        if (connectionTimeout == null) {
            connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        }
        if (pollInterval == null) {
            pollInterval = DEFAULT_POLL_INTERVAL;
        }
        if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "Invalid connection timeout '" + connectionTimeout + "': it must be positive.");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    "Invalid poll interval '" + pollInterval + "': it must be positive.");
        }
    }

    public static MigrationOptions defaults() {
        return new MigrationOptions(null, null, null, null, true);
    }

    public MigrationOptions withKeystoreAccess(KeystoreAccess value) {
        return new MigrationOptions(value, switchOrder, connectionTimeout, pollInterval, remotePortCheck);
    }

    public MigrationOptions withSwitchOrder(SwitchOrder value) {
        return new MigrationOptions(keystoreAccess, value, connectionTimeout, pollInterval, remotePortCheck);
    }

    public MigrationOptions withConnectionTimeout(Duration value) {
        return new MigrationOptions(keystoreAccess, switchOrder, value, pollInterval, remotePortCheck);
    }

    public MigrationOptions withPollInterval(Duration value) {
        return new MigrationOptions(keystoreAccess, switchOrder, connectionTimeout, value, remotePortCheck);
    }

    public MigrationOptions withRemotePortCheck(boolean value) {
        return new MigrationOptions(keystoreAccess, switchOrder, connectionTimeout, pollInterval, value);
    }
}
