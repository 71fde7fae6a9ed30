package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.security.PermissionGroup;

/**
 * Finds credentials and their stores. Outside a running Jenkins there are none, so lookups fail
 * as they would before start-up.
 */
public abstract class CredentialsProvider {

    public static final PermissionGroup GROUP = new PermissionGroup(CredentialsProvider.class, null);

    @SuppressWarnings("deprecation")
    public static final Permission CREATE = new Permission(GROUP, "Create", null);

    @SuppressWarnings("deprecation")
    public static final Permission UPDATE = new Permission(GROUP, "Update", null);

    private CredentialsProvider() {}

    public static Iterable<CredentialsStore> lookupStores(ModelObject context) {
        throw new IllegalStateException("No Jenkins instance is running, so there is no credentials store.");
    }

    public static <C extends IdCredentials> C findCredentialById(
            String id, Class<C> type, Run<?, ?> run) {
        throw new IllegalStateException("No Jenkins instance is running, so credential '" + id + "' cannot be found.");
    }
}
