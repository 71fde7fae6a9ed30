package hudson.security;

/** A permission that an authentication has or lacks on an access-controlled object. */
public final class Permission {

    public final PermissionGroup group;

    public final String name;

    public final Permission impliedBy;

    @Deprecated
    public Permission(PermissionGroup group, String name, Permission impliedBy) {
        this.group = group;
        this.name = name;
        this.impliedBy = impliedBy;
    }

    @Override
    public String toString() {
        return "Permission[" + group.owner.getName() + "." + name + "]";
    }
}
