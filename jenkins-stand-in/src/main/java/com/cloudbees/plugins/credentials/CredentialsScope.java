package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** The scope of a credential: Jenkins itself only (system), also jobs (global), or its owner (user). */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
