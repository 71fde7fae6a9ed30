package hudson.model;

/** Base class of describables; deprecated in Jenkins 2.505, still the superclass of Step. */
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>>
        implements Describable<T> {}
