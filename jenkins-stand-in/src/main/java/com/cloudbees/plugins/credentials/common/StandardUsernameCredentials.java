package com.cloudbees.plugins.credentials.common;

/** A credential with an id, a description and a user name. */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {}
