package hudson.model;

/** An object configured through a {@link Descriptor}. */
public interface Describable<T extends Describable<T>> {

    /** Real Jenkins finds the registered descriptor; outside Jenkins there is none. */
    default Descriptor<T> getDescriptor() {
        throw new IllegalStateException(
                "No Jenkins instance is running, so " + getClass().getName() + " has no descriptor.");
    }
}
