package io.jenkins.plugins.esremote.engine;

import java.util.Locale;

/** The phases of the migration, in the order a full run takes them. */
public enum Phase {
    PLAN,
    CREATE_KEY,
    PAUSE_TASKS,
    GRANT_REMOTE_PRIVILEGES,
    DISCONNECT,
    RELOAD_SECURE_SETTINGS,
    RECONNECT,
    VERIFY,
    RESUME_TASKS,
    DISABLE_CERTIFICATE_ACCESS,
    ROLLBACK;

    /** The lower-case name used in logs, result maps and the journal, such as {@code create-key}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
