package jenkins.model;

import java.io.File;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Jenkins controller. The stand-in never has a running instance: {@link #get()} fails as real
 * Jenkins does before start-up, and {@link #getAuthentication2()} reads the thread's Spring
 * Security context like real Jenkins.
 */
public class Jenkins {

    private Jenkins() {}

    public static Jenkins get() throws IllegalStateException {
        throw new IllegalStateException("Jenkins has not been started, or was already shut down");
    }

    public File getRootDir() {
        throw new IllegalStateException("The stand-in Jenkins has no home directory.");
    }

    /** Returns the current thread's authentication; real Jenkins returns anonymous when unset. */
    public static Authentication getAuthentication2() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
