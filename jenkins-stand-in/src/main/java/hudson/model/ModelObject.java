package hudson.model;

/** An object with a human-readable name. */
public interface ModelObject {
    String getDisplayName();
}
