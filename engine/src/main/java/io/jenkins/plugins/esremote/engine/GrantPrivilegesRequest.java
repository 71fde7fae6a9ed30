package io.jenkins.plugins.esremote.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which local roles get remote privileges for the alias. An empty list changes no role, which
 * fits tasks that run as {@code superuser} (allowed all remote indices already).
 */
public record GrantPrivilegesRequest(List<RoleGrant> grants) {

    public GrantPrivilegesRequest {
        grants = grants == null ? List.of() : List.copyOf(grants);
        List<String> seen = new ArrayList<>();
        for (RoleGrant grant : grants) {
            if (seen.contains(grant.localRole())) {
                throw new IllegalArgumentException(
                        "Duplicate role grant for '" + grant.localRole() + "': merge them into one.");
            }
            seen.add(grant.localRole());
        }
    }

    public static GrantPrivilegesRequest none() {
        return new GrantPrivilegesRequest(List.of());
    }

    public static GrantPrivilegesRequest of(RoleGrant... grants) {
        return new GrantPrivilegesRequest(List.of(grants));
    }

    /** Reads a list of role grant maps as {@link RoleGrant#fromMap} describes. */
    public static GrantPrivilegesRequest fromMaps(List<? extends Map<String, ?>> maps) {
        List<RoleGrant> grants = new ArrayList<>();
        for (Object map : maps) {
            if (!(map instanceof Map)) {
                throw new IllegalArgumentException(
                        "Invalid role grant '" + map + "': expected a map such as "
                                + "[role: 'ccr_user', copyFrom: ['remote_ccr']].");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> grant = (Map<String, ?>) map;
            grants.add(RoleGrant.fromMap(grant));
        }
        return new GrantPrivilegesRequest(grants);
    }
}
