package hudson.model;

/**
 * Metadata and configuration of a {@link Describable} type. The stand-in keeps configuration in
 * memory only: {@link #load()} and {@link #save()} do nothing.
 */
public abstract class Descriptor<T extends Describable<T>> {

    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    /** Infers the described type from the enclosing class, as real Jenkins does. */
    @SuppressWarnings("unchecked")
    protected Descriptor() {
        Class<?> enclosing = getClass().getEnclosingClass();
        if (enclosing == null) {
            throw new AssertionError(
                    getClass() + " is not nested in its describable; pass the class explicitly.");
        }
        this.clazz = (Class<? extends T>) enclosing;
    }

    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public synchronized void load() {}

    public synchronized void save() {}

    /** A form submission that failed validation, naming the offending field. */
    public static final class FormException extends Exception {

        public FormException(String message, String formField) {
            super(message);
        }

        private static final long serialVersionUID = 1L;
    }
}
