package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

/** A credentials domain; only the global domain is used here. */
public class Domain implements Serializable {

    private static final Domain GLOBAL = new Domain();

    private Domain() {}

    public static Domain global() {
        return GLOBAL;
    }

    private static final long serialVersionUID = 1L;
}
