package io.jenkins.plugins.esremote.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code createCrossClusterKey} creates. Without an {@code access}, the engine derives it from
 * the follower indices, auto-follow patterns, transforms and datafeeds that use the alias. Without
 * a {@code name}, it uses {@code remote-cluster-<alias>}. {@code expiration} is an Elasticsearch
 * time value such as {@code 90d}; {@code null} means the key never expires.
 */
public record CreateKeyRequest(
        String name, KeyAccess access, String expiration, Map<String, Object> metadata) {

    private static final Pattern TIME_VALUE = Pattern.compile("\\d+(nanos|micros|ms|s|m|h|d)");

    public CreateKeyRequest {
        if (name != null && name.isBlank()) {
            name = null;
        }
        if (expiration != null && expiration.isBlank()) {
            expiration = null;
        }
        if (expiration != null && !TIME_VALUE.matcher(expiration.trim()).matches()) {
            throw new IllegalArgumentException(
                    "Invalid key expiration '" + expiration
                            + "': use an Elasticsearch time value such as 90d or 12h.");
        }
        if (access != null && access.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid key access: it grants nothing. Give search or replication index "
                            + "names, or leave it out to derive them.");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Derives the access and uses the default name, no expiration. */
    public static CreateKeyRequest derived() {
        return new CreateKeyRequest(null, null, null, null);
    }

    public CreateKeyRequest withName(String value) {
        return new CreateKeyRequest(value, access, expiration, metadata);
    }

    public CreateKeyRequest withAccess(KeyAccess value) {
        return new CreateKeyRequest(name, value, expiration, metadata);
    }

    public CreateKeyRequest withExpiration(String value) {
        return new CreateKeyRequest(name, access, value, metadata);
    }

    public CreateKeyRequest withMetadata(Map<String, Object> value) {
        return new CreateKeyRequest(name, access, expiration, value);
    }

    String nameFor(String alias) {
        return name != null ? name : "remote-cluster-" + alias;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("access", access == null ? "derived" : access.toMap());
        map.put("expiration", expiration);
        map.put("metadata", metadata);
        return map;
    }
}
