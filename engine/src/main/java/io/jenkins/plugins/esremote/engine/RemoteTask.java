package io.jenkins.plugins.esremote.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cross-cluster task on the local cluster that reads through the alias, with the state it had
 * and what the engine did to it.
 *
 * @param type the kind of task
 * @param id its id (index name, pattern name, transform id, job or datafeed id)
 * @param state its state when observed, such as {@code active}, {@code paused}, {@code started}
 * @param action what the phase did: {@code pause}, {@code resume}, {@code leave-as-is},
 *     {@code already-paused}, {@code already-running}, or a planned action in a plan
 */
public record RemoteTask(Type type, String id, String state, String action) {

    /** The kinds of task that can read from a remote cluster. */
    public enum Type {
        FOLLOWER_INDEX("follower-index"),
        AUTO_FOLLOW_PATTERN("auto-follow-pattern"),
        TRANSFORM("transform"),
        ANOMALY_JOB("anomaly-job"),
        DATAFEED("datafeed");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type.id());
        map.put("id", id);
        map.put("state", state);
        map.put("action", action);
        return map;
    }
}
