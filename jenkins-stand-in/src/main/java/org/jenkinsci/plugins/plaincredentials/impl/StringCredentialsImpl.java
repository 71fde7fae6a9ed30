package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/** A "Secret text" credential. Like real Jenkins, equality is by id. */
public final class StringCredentialsImpl implements StringCredentials {

    private final CredentialsScope scope;
    private final String id;
    private final String description;
    private final Secret secret;

    @DataBoundConstructor
    public StringCredentialsImpl(
            CredentialsScope scope, String id, String description, Secret secret) {
        this.scope = scope;
        this.id = id;
        this.description = description;
        this.secret = secret;
    }

    public CredentialsScope getScope() {
        return scope;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Secret getSecret() {
        return secret;
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof StringCredentialsImpl && ((StringCredentialsImpl) other).id.equals(id);
    }

    @Override
    public final int hashCode() {
        return id.hashCode();
    }

    private static final long serialVersionUID = 1L;
}
