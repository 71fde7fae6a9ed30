package hudson.util;

import java.io.IOException;

/** The result of a form field check: OK, a warning or an error, with a message. */
public abstract class FormValidation extends IOException {

    /** The severity of a check result. */
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return ok(null);
    }

    public static FormValidation ok(String message) {
        return new Result(Kind.OK, message);
    }

    public static FormValidation warning(String message) {
        return new Result(Kind.WARNING, message);
    }

    public static FormValidation error(String message) {
        return new Result(Kind.ERROR, message);
    }

    private static final class Result extends FormValidation {
        Result(Kind kind, String message) {
            super(kind, message);
        }

        private static final long serialVersionUID = 1L;
    }

    private static final long serialVersionUID = 1L;
}
