package io.jenkins.plugins.esremote.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal document of one (local cluster, alias) migration: what each phase found and changed,
 * so a re-run continues and rollback restores. It contains settings, role definitions, task states
 * and key metadata, never a secret. Fields are public for Jackson; only the engine touches them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
final class Journal {

    static final int SCHEMA_VERSION = 1;

    public int schemaVersion = SCHEMA_VERSION;
    public String clusterUuid;
    public String alias;
    public String localCluster;
    public String remoteCluster;
    public String created;
    public String updated;

    /** The switch order fixed by the first phase that writes, so all phases agree. */
    public String switchOrder;

    /** {@code persistent}, {@code transient}, {@code static} or {@code absent}. */
    public String aliasConfiguration;

    /** The alias's original settings: {@code {persistent: {...}, transient: {...}}}, flat keys. */
    public Map<String, Object> originalSettings;

    /** The settings {@code reconnect} applied (persistent, flat keys). */
    public Map<String, Object> reconnectSettings;

    public KeyRecord key;
    public List<TaskRecord> tasks;
    public Map<String, RoleRecord> roles = new LinkedHashMap<>();
    public CertificateRecord certificateAccess;

    /** Per phase: {@code started}, {@code done}, {@code action-required} or {@code rolled-back}. */
    public Map<String, String> phases = new LinkedHashMap<>();

    /** What changed on the clusters, in order: intents and their outcomes. */
    public List<Entry> entries = new ArrayList<>();

    /** Whether the local nodes loaded the credentials (reload or confirmed restart). */
    public boolean credentialsLoaded;
    public boolean aliasRemoved;

    /** When disconnect removed the alias (epoch milliseconds), so reconnect can report the outage. */
    public Long aliasRemovedAtMillis;
    public boolean aliasRepointed;

    /** The temporary alias of the remote cluster port check while it exists, so rollback can remove it. */
    public String portCheckAlias;
    public boolean verified;
    public boolean rolledBack;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class KeyRecord {
        public String id;
        public String name;
        public String expiration;
        public Map<String, Object> access;
        public boolean accessDerived;
        /** Set before the create call, so an interrupted run is visible. */
        public String status;
        public boolean keystoreWritten;
        public boolean keystoreRemoved;
        public boolean invalidated;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class TaskRecord {
        public String type;
        public String id;
        public String priorState;
        /** Whether the engine paused it (so resume and rollback start it again). */
        public boolean paused;
        public boolean resumed;

        TaskRecord() {}

        TaskRecord(RemoteTask.Type type, String id, String priorState) {
            this.type = type.id();
            this.id = id;
            this.priorState = priorState;
        }

        RemoteTask.Type kind() {
            for (RemoteTask.Type value : RemoteTask.Type.values()) {
                if (value.id().equals(type)) {
                    return value;
                }
            }
            throw new IllegalStateException("Unknown task type '" + type + "' in the journal.");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class RoleRecord {
        public boolean existed;
        /** The full definition as {@code GET /_security/role/<name>} returned it. */
        public Map<String, Object> original;
        public Map<String, Object> updated;
        public boolean restored;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class CertificateRecord {
        /** The remote's transport filter settings: {@code {persistent: {...}, transient: {...}}}. */
        public Map<String, Object> filterBefore;
        public Map<String, Object> filterApplied;
        public Map<String, Map<String, Object>> deletedRoles = new LinkedHashMap<>();
        public boolean restored;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Entry {
        public String at;
        public String phase;
        public String cluster;
        public String action;
        /** {@code intent}, {@code done}, {@code already-done} or {@code failed}. */
        public String status;
        public String detail;
    }

    void record(Phase phase, String cluster, String action, String status, String detail) {
        Entry entry = new Entry();
        entry.at = Instant.now().toString();
        entry.phase = phase.id();
        entry.cluster = cluster;
        entry.action = action;
        entry.status = status;
        entry.detail = detail;
        entries.add(entry);
    }

    String toJson() {
        try {
            return EsClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to serialize the journal", e);
        }
    }

    Map<String, Object> toMap() {
        return EsClient.JSON.convertValue(this, new TypeReference<Map<String, Object>>() {});
    }

    static Journal fromJson(String json) throws JsonProcessingException {
        Journal journal = EsClient.JSON.readValue(json, Journal.class);
        if (journal == null) {
            throw new IllegalStateException("invalid journal: the file contains 'null' instead of a journal object");
        }
        if (journal.schemaVersion > SCHEMA_VERSION) {
            throw new IllegalStateException(
                    "The journal has schema version " + journal.schemaVersion
                            + " but this engine reads up to " + SCHEMA_VERSION
                            + ": upgrade the plugin before continuing this migration.");
        }
        if (journal.tasks != null) {
            for (TaskRecord task : journal.tasks) {
                if (task == null || task.id == null) {
                    throw new IllegalStateException("invalid journal: a task entry has no id");
                }
                task.kind();
            }
        }
        return journal;
    }
}
