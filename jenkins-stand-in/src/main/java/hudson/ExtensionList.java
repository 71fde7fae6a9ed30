package hudson;

/**
 * The registered instances of one extension type. Outside a running Jenkins no extension is
 * registered, so every lookup fails as it does in real Jenkins before start-up.
 */
public class ExtensionList<T> {

    private ExtensionList() {}

    public static <U> U lookupSingleton(Class<U> type) {
        throw new IllegalStateException(
                "No Jenkins instance is running, so no " + type.getName() + " is registered.");
    }
}
