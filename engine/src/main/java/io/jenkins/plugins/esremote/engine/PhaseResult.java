package io.jenkins.plugins.esremote.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outcome of one phase, for the Pipeline and the build console. {@link #toMap()} contains plain
 * values (strings, numbers, booleans, lists, maps) and never a secret.
 */
public abstract class PhaseResult {

    /** How a phase ended. */
    public enum Outcome {
        /** The phase changed the cluster as intended. */
        DONE,
        /** The cluster was already in the target state; nothing was changed. */
        ALREADY_DONE,
        /** Nothing to do in this phase under the chosen switch order; a later phase does it. */
        DEFERRED,
        /** An operator must act (for example restart nodes) before the next phase. */
        ACTION_REQUIRED,
        /** A read-only phase finished (plan, verify). */
        CHECKED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Phase phase;
    private final String cluster;
    private final String alias;
    private final Outcome outcome;
    private final List<String> warnings;

    PhaseResult(Phase phase, String cluster, String alias, Outcome outcome, List<String> warnings) {
        this.phase = phase;
        this.cluster = cluster;
        this.alias = alias;
        this.outcome = outcome;
        this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    public Phase phase() {
        return phase;
    }

    /** The connection name of the cluster the phase changed (or read). */
    public String cluster() {
        return cluster;
    }

    public String alias() {
        return alias;
    }

    public Outcome outcome() {
        return outcome;
    }

    public List<String> warnings() {
        return warnings;
    }

    public final Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("phase", phase.id());
        map.put("cluster", cluster);
        map.put("alias", alias);
        map.put("outcome", outcome.id());
        addDetails(map);
        map.put("warnings", warnings);
        return map;
    }

    /** Adds the phase's own entries to {@code map}. */
    abstract void addDetails(Map<String, Object> map);

    @Override
    public String toString() {
        return toMap().toString();
    }

    static List<Map<String, Object>> taskMaps(List<RemoteTask> tasks) {
        List<Map<String, Object>> maps = new ArrayList<>();
        tasks.forEach(task -> maps.add(task.toMap()));
        return maps;
    }
}
