package io.jenkins.plugins.esremote.testing;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;

/** A "Username with password" credential for tests. */
public record UserPassword(String id, String username, String password)
        implements StandardUsernamePasswordCredentials {

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDescription() {
        return "test user " + username;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public Secret getPassword() {
        return Secret.fromString(password);
    }
}
