package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Map;

/** The remote's transport filter settings before and after, and the roles deleted. */
public final class DisableCertificateAccessResult extends PhaseResult {

    private final Map<String, Object> filterBefore;
    private final Map<String, Object> filterAfter;
    private final List<String> deletedRoles;

    DisableCertificateAccessResult(String cluster, String alias, Outcome outcome,
            List<String> warnings, Map<String, Object> filterBefore,
            Map<String, Object> filterAfter, List<String> deletedRoles) {
        super(Phase.DISABLE_CERTIFICATE_ACCESS, cluster, alias, outcome, warnings);
        this.filterBefore = filterBefore;
        this.filterAfter = filterAfter;
        this.deletedRoles = List.copyOf(deletedRoles);
    }

    public Map<String, Object> filterBefore() {
        return filterBefore;
    }

    public Map<String, Object> filterAfter() {
        return filterAfter;
    }

    public List<String> deletedRoles() {
        return deletedRoles;
    }

    @Override
    void addDetails(Map<String, Object> map) {
        map.put("filterBefore", filterBefore);
        map.put("filterAfter", filterAfter);
        map.put("deletedRoles", deletedRoles);
    }
}
