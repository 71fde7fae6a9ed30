package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Who may use a credential: Jenkins itself only, or also jobs, or only its owner. */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
