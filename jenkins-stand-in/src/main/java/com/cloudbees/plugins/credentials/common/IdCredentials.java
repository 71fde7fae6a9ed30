package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** A credential with an id that jobs refer to it by. */
public interface IdCredentials extends Credentials {
    String getId();
}
