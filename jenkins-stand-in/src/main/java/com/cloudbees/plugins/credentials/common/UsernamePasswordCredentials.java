package com.cloudbees.plugins.credentials.common;

/** A user name and password. */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {}
