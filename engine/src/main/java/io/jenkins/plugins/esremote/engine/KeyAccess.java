package io.jenkins.plugins.esremote.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code access} of a cross-cluster API key: groups of index patterns the local cluster may
 * search and groups it may replicate. Local roles cannot exceed it.
 */
public final class KeyAccess {

    private final List<List<String>> search;
    private final List<List<String>> replication;

    private KeyAccess(List<List<String>> search, List<List<String>> replication) {
        this.search = freeze(search);
        this.replication = freeze(replication);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the map form Elasticsearch uses ({@code {search: [{names: [...]}], replication:
     * [{names: [...]}]}}), as a Pipeline passes it.
     */
    public static KeyAccess fromMap(Map<String, ?> map) {
        Builder builder = builder();
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            boolean isSearch = entry.getKey().equals("search");
            if (!isSearch && !entry.getKey().equals("replication")) {
                throw new IllegalArgumentException(
                        "Invalid key access entry '" + entry.getKey()
                                + "': only 'search' and 'replication' are allowed.");
            }
            for (Object group : asList(entry.getValue(), entry.getKey())) {
                if (!(group instanceof Map)) {
                    throw new IllegalArgumentException(
                            "Invalid key access group '" + group + "' under '" + entry.getKey()
                                    + "': expected a map such as [names: ['logs-*']].");
                }
                List<String> names = new ArrayList<>();
                for (Object name : asList(((Map<?, ?>) group).get("names"), "names")) {
                    if (!(name instanceof CharSequence)) {
                        throw new IllegalArgumentException(
                                "Invalid index pattern '" + name + "' in the key access: give a "
                                        + "quoted name such as 'logs-*'.");
                    }
                    names.add(name.toString());
                }
                if (isSearch) {
                    builder.search(names);
                } else {
                    builder.replication(names);
                }
            }
        }
        return builder.build();
    }

    public List<List<String>> search() {
        return search;
    }

    public List<List<String>> replication() {
        return replication;
    }

    public boolean isEmpty() {
        return search.isEmpty() && replication.isEmpty();
    }

    /** The map form Elasticsearch uses; safe to print. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (!search.isEmpty()) {
            map.put("search", groups(search));
        }
        if (!replication.isEmpty()) {
            map.put("replication", groups(replication));
        }
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyAccess
                && search.equals(((KeyAccess) other).search)
                && replication.equals(((KeyAccess) other).replication);
    }

    @Override
    public int hashCode() {
        return search.hashCode() * 31 + replication.hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    private static List<Map<String, Object>> groups(List<List<String>> groups) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (List<String> names : groups) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("names", names);
            list.add(group);
        }
        return list;
    }

    private static List<?> asList(Object value, String field) {
        if (!(value instanceof List) || ((List<?>) value).isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid key access: '" + field + "' must be a non-empty list.");
        }
        return (List<?>) value;
    }

    private static List<List<String>> freeze(List<List<String>> groups) {
        List<List<String>> copy = new ArrayList<>();
        for (List<String> group : groups) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(group)));
        }
        return Collections.unmodifiableList(copy);
    }

    /** Adds one group per call to {@link #search} or {@link #replication}. */
    public static final class Builder {
        private final List<List<String>> search = new ArrayList<>();
        private final List<List<String>> replication = new ArrayList<>();

        public Builder search(List<String> names) {
            search.add(requireNames(names, "search"));
            return this;
        }

        public Builder search(String... names) {
            return search(List.of(names));
        }

        public Builder replication(List<String> names) {
            replication.add(requireNames(names, "replication"));
            return this;
        }

        public Builder replication(String... names) {
            return replication(List.of(names));
        }

        public KeyAccess build() {
            return new KeyAccess(search, replication);
        }

        private static List<String> requireNames(List<String> names, String kind) {
            if (names == null || names.isEmpty()) {
                throw new IllegalArgumentException(
                        "Missing index names for a " + kind + " group of the key access.");
            }
            for (String name : names) {
                if (name == null || name.isBlank() || name.contains(":")) {
                    throw new IllegalArgumentException(
                            "Invalid index pattern '" + name + "' in the key access: give the "
                                    + "remote index name without a cluster prefix.");
                }
            }
            return List.copyOf(names);
        }
    }
}
