package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** A credential stored in Jenkins. */
public interface Credentials extends Serializable {}
