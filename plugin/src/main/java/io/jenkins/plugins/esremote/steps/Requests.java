package io.jenkins.plugins.esremote.steps;

import io.jenkins.plugins.esremote.engine.CreateKeyRequest;
import io.jenkins.plugins.esremote.engine.GrantPrivilegesRequest;
import io.jenkins.plugins.esremote.engine.KeyAccess;
import io.jenkins.plugins.esremote.engine.ReconnectRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds engine requests from step parameters, so the plan previews what the later steps do. */
final class Requests {

    private Requests() {}

    static CreateKeyRequest createKey(String keyName, Map<String, Object> access, String expiration) {
        return new CreateKeyRequest(
                keyName, access == null ? null : KeyAccess.fromMap(access), expiration, null);
    }

    static GrantPrivilegesRequest grants(List<Map<String, Object>> grants) {
        return grants == null ? GrantPrivilegesRequest.none() : GrantPrivilegesRequest.fromMaps(grants);
    }

    static ReconnectRequest reconnect(String mode, List<String> addresses, String serverName) {
        return new ReconnectRequest(parseMode(mode), addresses, serverName);
    }

    static ReconnectRequest.Mode parseMode(String mode) {
        if (mode == null) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (ReconnectRequest.Mode value : ReconnectRequest.Mode.values()) {
            if (value.id().equals(mode.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
            ids.add(value.id());
        }
        throw new IllegalArgumentException(
                "Invalid mode '" + mode + "': use one of " + String.join(", ", ids) + ".");
    }
}
