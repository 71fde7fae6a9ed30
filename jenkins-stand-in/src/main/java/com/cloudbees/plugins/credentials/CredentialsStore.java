package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import hudson.security.Permission;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;

/** A credentials store, such as the system store or a folder's store. */
public abstract class CredentialsStore {

    public CredentialsStore() {}

    public abstract ModelObject getContext();

    /** Real stores ask their ACL; the stand-in grants nothing unless a subclass decides. */
    public boolean hasPermission2(Authentication a, Permission permission) {
        return false;
    }

    public abstract List<Credentials> getCredentials(Domain domain);

    public abstract boolean addCredentials(Domain domain, Credentials credentials)
            throws IOException;

    public abstract boolean updateCredentials(
            Domain domain, Credentials current, Credentials replacement) throws IOException;
}
