package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Map;

/** The role definitions before and after {@code grantRemotePrivileges}. */
public final class GrantPrivilegesResult extends PhaseResult {

    private final List<String> updatedRoles;
    private final Map<String, Object> rolesBefore;
    private final Map<String, Object> rolesAfter;

    GrantPrivilegesResult(String cluster, String alias, Outcome outcome, List<String> warnings,
            List<String> updatedRoles, Map<String, Object> rolesBefore,
            Map<String, Object> rolesAfter) {
        super(Phase.GRANT_REMOTE_PRIVILEGES, cluster, alias, outcome, warnings);
        this.updatedRoles = List.copyOf(updatedRoles);
        this.rolesBefore = rolesBefore;
        this.rolesAfter = rolesAfter;
    }

    public List<String> updatedRoles() {
        return updatedRoles;
    }

    public Map<String, Object> rolesBefore() {
        return rolesBefore;
    }

    public Map<String, Object> rolesAfter() {
        return rolesAfter;
    }

    @Override
    void addDetails(Map<String, Object> map) {
        map.put("updatedRoles", updatedRoles);
        map.put("rolesBefore", rolesBefore);
        map.put("rolesAfter", rolesAfter);
    }
}
