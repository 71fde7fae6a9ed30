package io.jenkins.plugins.esremote.testing;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import hudson.security.Permission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * A credentials store in memory that grants each permission only to the users it was given to,
 * and that, like Jenkins' stores, refuses to add a second credential with the same id.
 */
public class TestCredentialsStore extends CredentialsStore {

    private final List<Credentials> credentials = new ArrayList<>();
    private final Set<String> grants = new HashSet<>();

    public TestCredentialsStore grant(String user, Permission permission) {
        grants.add(user + "/" + permission.name);
        return this;
    }

    public TestCredentialsStore add(Credentials value) {
        credentials.add(value);
        return this;
    }

    /** Returns the credential with {@code id}, or {@code null}. */
    public IdCredentials find(String id) {
        for (Credentials value : credentials) {
            if (value instanceof IdCredentials && ((IdCredentials) value).getId().equals(id)) {
                return (IdCredentials) value;
            }
        }
        return null;
    }

    public List<Credentials> all() {
        return List.copyOf(credentials);
    }

    @Override
    public ModelObject getContext() {
        return null;
    }

    @Override
    public boolean hasPermission2(Authentication a, Permission permission) {
        return grants.contains(a.getName() + "/" + permission.name);
    }

    @Override
    public List<Credentials> getCredentials(Domain domain) {
        return List.copyOf(credentials);
    }

    @Override
    public boolean addCredentials(Domain domain, Credentials value) {
        if (value instanceof IdCredentials && find(((IdCredentials) value).getId()) != null) {
            return false;
        }
        return credentials.add(value);
    }

    @Override
    public boolean updateCredentials(Domain domain, Credentials current, Credentials replacement) {
        int index = credentials.indexOf(current);
        if (index < 0) {
            return false;
        }
        credentials.set(index, replacement);
        return true;
    }
}
