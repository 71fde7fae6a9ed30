package hudson.model;

import java.io.PrintStream;

/** Receives the console output of a build step. */
public interface TaskListener {
    PrintStream getLogger();
}
