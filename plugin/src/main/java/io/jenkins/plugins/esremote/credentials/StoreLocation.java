package io.jenkins.plugins.esremote.credentials;

import com.cloudbees.plugins.credentials.CredentialsStore;

/**
 * A credentials store and how the console and result maps name it, such as {@code folder 'team-a'}
 * or {@code system}.
 */
public record StoreLocation(CredentialsStore store, String description) {}
