package hudson;

import java.io.IOException;

/** Fails a build step with a message and no stack trace in the build console. */
public class AbortException extends IOException {

    public AbortException(String message) {
        super(message);
    }

    private static final long serialVersionUID = 1L;
}
