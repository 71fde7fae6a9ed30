package hudson.security;

import org.jvnet.localizer.Localizable;

/** A named group of permissions, such as those of the credentials plugin. */
public final class PermissionGroup {

    public final Class owner;

    public PermissionGroup(Class owner, Localizable title) {
        this.owner = owner;
    }
}
