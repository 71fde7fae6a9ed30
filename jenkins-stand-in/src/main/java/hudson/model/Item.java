package hudson.model;

/** A job, folder or other item in the Jenkins item tree. */
public interface Item extends ModelObject {}
