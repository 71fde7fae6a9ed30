package io.jenkins.plugins.esremote.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds the alias's remote privileges to local roles, journaling each full original first. */
final class PrivilegesPhase {

    private static final Phase PHASE = Phase.GRANT_REMOTE_PRIVILEGES;

    private final Context context;
    private final RoleEditor roles;

    PrivilegesPhase(Context context) {
        this.context = context;
        this.roles = new RoleEditor(context);
    }

    /** The definitions the grants lead to, without writing anything (for the plan). */
    Map<String, Object> preview(GrantPrivilegesRequest request, Map<String, Object> before)
            throws MigrationException {
        Map<String, Object> after = new LinkedHashMap<>();
        for (RoleGrant grant : request.grants()) {
            Map<String, Object> current = currentOrFail(grant);
            before.put(grant.localRole(), current);
            after.put(grant.localRole(), roles.granted(Phase.PLAN, grant, current));
        }
        return after;
    }

    GrantPrivilegesResult run(GrantPrivilegesRequest request) throws MigrationException {
        List<String> warnings = new ArrayList<>();
        if (request.grants().isEmpty()) {
            warnings.add("no role grants given: only users with superuser (or roles that already "
                    + "have remote privileges for the alias) keep access through it");
        }
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        List<String> updated = new ArrayList<>();
        for (RoleGrant grant : request.grants()) {
            String name = grant.localRole();
            Map<String, Object> current = currentOrFail(grant);
            Map<String, Object> target = roles.granted(PHASE, grant, current);
            Journal.RoleRecord record = context.journal.roles.get(name);
            before.put(name, record != null ? record.original : current);
            if (RoleEditor.sameRemoteEntries(current, target)) {
                after.put(name, current);
                continue;
            }
            if (record == null) {
                record = new Journal.RoleRecord();
                record.existed = true;
                record.original = current;
                context.journal.roles.put(name, record);
            }
            record.updated = target;
            record.restored = false;
            context.intent(PHASE, context.local, "add remote privileges for '" + context.alias
                    + "' to role " + name);
            roles.put(PHASE, context.local, name, target);
            context.outcome(PHASE, context.local, "add remote privileges to role " + name, "done", null);
            after.put(name, target);
            updated.add(name);
        }
        context.journal.phases.put(PHASE.id(), "done");
        context.save(PHASE);
        context.info(PHASE, context.local.name(), "updated " + updated.size() + " of "
                + request.grants().size() + " roles" + (updated.isEmpty() ? "" : " " + updated));
        return new GrantPrivilegesResult(context.local.name(), context.alias,
                updated.isEmpty() ? PhaseResult.Outcome.ALREADY_DONE : PhaseResult.Outcome.DONE,
                warnings, updated, before, after);
    }

    private Map<String, Object> currentOrFail(RoleGrant grant) throws MigrationException {
        Map<String, Object> current = roles.read(PHASE, context.local, List.of(grant.localRole()))
                .get(grant.localRole());
        if (current == null) {
            throw new MigrationException(PHASE, context.local.name(), context.alias, "role_not_found",
                    "role '" + grant.localRole() + "' does not exist on the local cluster",
                    "fix the role name in the grant or create the role first", null);
        }
        return current;
    }
}
