package io.jenkins.plugins.esremote.engine;

import java.util.List;

/**
 * How {@code disableCertificateAccess} closes the remote's transport interface to other clusters.
 * {@code allow}: addresses that may still connect to the remote's transport port (default: the
 * remote's own nodes' transport publish addresses). {@code applyIpFilter}: set
 * {@code xpack.security.transport.filter.allow} to that list and {@code deny} to {@code _all}.
 * {@code deleteRoles}: remote roles that served only cross-cluster work, deleted after their full
 * definitions are journaled. {@code requireVerified}: refuse to run until {@code verify} passed.
 */
public record DisableCertificateAccessRequest(
        boolean applyIpFilter, List<String> allow, List<String> deleteRoles, boolean requireVerified) {

    public DisableCertificateAccessRequest {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deleteRoles = deleteRoles == null ? List.of() : List.copyOf(deleteRoles);
        for (String role : deleteRoles) {
            if (role == null || role.isBlank() || role.equals("superuser")) {
                throw new IllegalArgumentException(
                        "Invalid role to delete '" + role + "': give a custom role name.");
            }
        }
        if (!applyIpFilter && deleteRoles.isEmpty()) {
            throw new IllegalArgumentException(
                    "Nothing to disable: enable the IP filter or name roles to delete.");
        }
    }

    /** The IP filter with the default allow list, no role deletion, after a passed verify. */
    public static DisableCertificateAccessRequest ipFilter() {
        return new DisableCertificateAccessRequest(true, List.of(), List.of(), true);
    }

    public DisableCertificateAccessRequest withDeleteRoles(List<String> roles) {
        return new DisableCertificateAccessRequest(applyIpFilter, allow, roles, requireVerified);
    }

    public DisableCertificateAccessRequest withAllow(List<String> addresses) {
        return new DisableCertificateAccessRequest(applyIpFilter, addresses, deleteRoles, requireVerified);
    }
}
