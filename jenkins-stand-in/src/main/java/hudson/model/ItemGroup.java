package hudson.model;

/** A container of items, such as Jenkins itself or a folder. */
public interface ItemGroup<T extends Item> extends ModelObject {}
