package com.cloudbees.plugins.credentials.common;

/** The "Username with password" credential kind. */
public interface StandardUsernamePasswordCredentials
        extends StandardUsernameCredentials, UsernamePasswordCredentials {}
