package hudson;

/** Marker for types that plugins implement as extensions. */
public interface ExtensionPoint {}
