package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    @Test
    void basicToStringHidesPassword() {
        Authentication authentication = Authentication.basic("admin", "s3cret-pass".toCharArray());

        assertFalse(authentication.toString().contains("s3cret-pass"));
        assertTrue(authentication.toString().contains("admin"));
    }

    @Test
    void apiKeyToStringHidesKey() {
        assertFalse(Authentication.apiKey("ZW5jb2RlZC1rZXk=".toCharArray()).toString().contains("ZW5jb2RlZC1rZXk"));
        assertFalse(Authentication.bearer("tok3n-value".toCharArray()).toString().contains("tok3n-value"));
    }

    @Test
    void basicHeaderEncodesUserAndPassword() {
        String header = Authentication.basic("elastic", "changeme".toCharArray()).authorizationHeader();

        assertEquals("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==", header);
    }

    @Test
    void secretIsCopied() {
        char[] password = "changeme".toCharArray();
        Authentication authentication = Authentication.basic("elastic", password);
        java.util.Arrays.fill(password, 'x');

        assertEquals("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==", authentication.authorizationHeader());
    }

    @Test
    void emptySecretRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Authentication.apiKey(new char[0]));

        assertTrue(error.getMessage().contains("API key"), error.getMessage());
    }

    @Test
    void connectionToStringHidesSecret() {
        ClusterConnection connection = ClusterConnection.builder("prod")
                .url("https://es1.example.com:9200")
                .authentication(Authentication.basic("admin", "hunter22".toCharArray()))
                .build();

        assertFalse(connection.toString().contains("hunter22"));
        assertTrue(connection.toString().contains("es1.example.com"));
    }

    @Test
    void urlWithCredentialsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClusterConnection.builder("prod").url("https://admin:pw@es1:9200"));

        assertTrue(error.getMessage().contains("user information"), error.getMessage());
        assertFalse(error.getMessage().contains("pw@"), error.getMessage());
    }

    @Test
    void urlWithoutSchemeRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClusterConnection.builder("prod").url("es1:9200"));

        assertTrue(error.getMessage().contains("'es1:9200'"), error.getMessage());
    }

    @Test
    void missingAuthenticationRejected() {
        ClusterConnection.Builder builder = ClusterConnection.builder("prod").url("https://es1:9200");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(error.getMessage().contains("authentication"), error.getMessage());
    }

    @Test
    void negativeTimeoutRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ClusterConnection.builder("prod").socketTimeout(Duration.ofSeconds(-1)));
    }

    @Test
    void fingerprintNormalized() {
        String colons = "AB:".repeat(31) + "AB";

        assertEquals("ab".repeat(32), TlsTrust.fingerprint(colons).fingerprint());
    }

    @Test
    void shortFingerprintRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TlsTrust.fingerprint("abc123"));

        assertTrue(error.getMessage().contains("'abc123'"), error.getMessage());
    }

    @Test
    void invalidPemRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TlsTrust.caCertificate("not a certificate"));

        assertTrue(error.getMessage().contains("BEGIN CERTIFICATE"), error.getMessage());
    }

    @Test
    void noTrustMeansJdkDefault() {
        assertSame(TlsTrust.jdkDefault(), TlsTrust.of(null, " "));
    }
}
