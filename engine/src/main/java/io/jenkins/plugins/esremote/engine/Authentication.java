package io.jenkins.plugins.esremote.engine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Credentials the engine sends to one cluster: user and password, an encoded API key or a bearer
 * token. The secret is copied on construction; {@link #toString()} never shows it.
 */
public final class Authentication {

    /** How the credentials are sent in the {@code Authorization} header. */
    public enum Type {
        BASIC,
        API_KEY,
        BEARER
    }

    private final Type type;
    private final String username;
    private final char[] secret;

    private Authentication(Type type, String username, char[] secret) {
        this.type = type;
        this.username = username;
        this.secret = secret.clone();
    }

    /** User and password, sent as HTTP basic authentication. */
    public static Authentication basic(String username, char[] password) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("Missing user name for basic authentication.");
        }
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException(
                    "Invalid user name '" + username + "': it must not contain ':'.");
        }
        return new Authentication(Type.BASIC, username, requireSecret(password, "password"));
    }

    /** An encoded API key (the {@code encoded} value Elasticsearch returns on creation). */
    public static Authentication apiKey(char[] encoded) {
        return withToken(Type.API_KEY, requireToken(encoded, "API key"));
    }

    /** A bearer token, for example one issued by {@code POST /_security/oauth2/token}. */
    public static Authentication bearer(char[] token) {
        return withToken(Type.BEARER, requireToken(token, "bearer token"));
    }

    public Type type() {
        return type;
    }

    /** The user name for {@link Type#BASIC}, otherwise {@code null}. */
    public String username() {
        return username;
    }

    /** Builds the {@code Authorization} header value. Callers must not log it. */
    String authorizationHeader() {
        switch (type) {
            case BASIC:
                return "Basic " + base64(username + ":", secret);
            case API_KEY:
                return "ApiKey " + new String(secret);
            case BEARER:
                return "Bearer " + new String(secret);
            default:
                throw new IllegalStateException("Unknown authentication type " + type);
        }
    }

    /**
     * Returns whether {@code text} contains this secret or the encoded token of its
     * {@code Authorization} header (a proxy may echo the header), so callers can scrub messages.
     */
    boolean appearsIn(String text) {
        if (text == null) {
            return false;
        }
        String header = authorizationHeader();
        String token = header.substring(header.indexOf(' ') + 1);
        return (token.length() >= 4 && text.contains(token))
                || (secret.length >= 4 && text.contains(new String(secret)));
    }

    /** Overwrites the stored secret; this object must not be used afterwards. */
    public void destroy() {
        Arrays.fill(secret, '\0');
    }

    @Override
    public String toString() {
        switch (type) {
            case BASIC:
                return "basic(user=" + username + ", password=****)";
            case API_KEY:
                return "apiKey(****)";
            default:
                return "bearer(****)";
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Authentication)) {
            return false;
        }
        Authentication that = (Authentication) other;
        return type == that.type
                && Objects.equals(username, that.username)
                && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, username);
    }

    private static char[] requireSecret(char[] value, String what) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("Missing " + what + " for authentication.");
        }
        return value;
    }

    /** Builds the authentication and wipes the trimmed copy, which the constructor copied again. */
    private static Authentication withToken(Type type, char[] token) {
        try {
            return new Authentication(type, null, token);
        } finally {
            Arrays.fill(token, '\0');
        }
    }

    /**
     * Returns the token without surrounding white space (a pasted credential often ends with a
     * line break), and rejects one with white space or control characters inside, which cannot
     * travel in a header. The message never shows the token.
     */
    private static char[] requireToken(char[] value, String what) {
        requireSecret(value, what);
        int start = 0;
        int end = value.length;
        while (start < end && Character.isWhitespace(value[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(value[end - 1])) {
            end--;
        }
        for (int index = start; index < end; index++) {
            if (Character.isWhitespace(value[index]) || Character.isISOControl(value[index])) {
                throw new IllegalArgumentException(
                        "Invalid " + what + ": it contains white space or a control character at "
                                + "position " + (index - start + 1) + ". Store only the encoded value.");
            }
        }
        char[] token = Arrays.copyOfRange(value, start, end);
        return requireSecret(token, what);
    }

    private static String base64(String prefix, char[] secret) {
        char[] joined = new char[prefix.length() + secret.length];
        prefix.getChars(0, prefix.length(), joined, 0);
        System.arraycopy(secret, 0, joined, prefix.length(), secret.length);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(joined));
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        Arrays.fill(joined, '\0');
        String encoded = Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        return encoded;
    }
}
