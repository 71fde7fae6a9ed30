package io.jenkins.plugins.esremote.engine;

/**
 * Receives one human-readable line per action the engine takes, with counts, the alias and the
 * cluster. Lines never contain a secret.
 */
@FunctionalInterface
public interface MigrationListener {

    /** A listener that drops every line. */
    MigrationListener NONE = line -> {};

    void info(String line);

    /** A condition the operator should look at; the phase still continues. */
    default void warning(String line) {
        info("WARNING: " + line);
    }
}
