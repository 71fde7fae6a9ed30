package hudson.util;

import java.io.Serializable;

/**
 * A secret value. Real Jenkins stores it encrypted. The stand-in keeps only the plain text, which
 * is enough for tests that check where a secret ends up.
 */
public final class Secret implements Serializable {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }

    public static String toString(Secret s) {
        return s == null ? "" : s.value;
    }

    public String getPlainText() {
        return value;
    }

    private static final long serialVersionUID = 1L;
}
