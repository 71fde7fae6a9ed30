package io.jenkins.plugins.esremote.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How the engine verifies a cluster's HTTPS certificate: against CA certificates in PEM form,
 * against the SHA-256 fingerprint of a certificate in the presented chain, both, or (with neither)
 * the JDK's default trust store. There is deliberately no way to trust every certificate.
 */
public final class TlsTrust {

    private static final TlsTrust JDK_DEFAULT = new TlsTrust(null, null);

    private final String caCertificatePem;
    private final String fingerprint;

    private TlsTrust(String caCertificatePem, String fingerprint) {
        this.caCertificatePem = caCertificatePem;
        this.fingerprint = fingerprint;
    }

    /** Trusts what the JDK's default trust store trusts. */
    public static TlsTrust jdkDefault() {
        return JDK_DEFAULT;
    }

    /** Trusts chains that validate against the CA certificates in {@code pem}. */
    public static TlsTrust caCertificate(String pem) {
        return of(pem, null);
    }

    /** Reads the CA certificates from a PEM file. */
    public static TlsTrust caCertificate(Path pemFile) throws IOException {
        return caCertificate(Files.readString(pemFile, StandardCharsets.US_ASCII));
    }

    /**
     * Trusts chains that contain a certificate with this SHA-256 fingerprint (hex, with or without
     * colons), as printed by Elasticsearch on first start.
     */
    public static TlsTrust fingerprint(String sha256) {
        return of(null, sha256);
    }

    /**
     * Combines both checks: a chain must validate against {@code pem} (when given) and contain the
     * fingerprint (when given). Both {@code null} means the JDK's default trust store.
     */
    public static TlsTrust of(String pem, String sha256) {
        String normalizedPem = pem == null || pem.isBlank() ? null : pem.trim();
        String normalizedFingerprint = normalizeFingerprint(sha256);
        if (normalizedPem != null) {
            parseCertificates(normalizedPem);
        }
        if (normalizedPem == null && normalizedFingerprint == null) {
            return JDK_DEFAULT;
        }
        return new TlsTrust(normalizedPem, normalizedFingerprint);
    }

    public boolean hasCaCertificate() {
        return caCertificatePem != null;
    }

    /** The normalized fingerprint (64 lower-case hex digits), or {@code null}. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Builds the SSL context that applies this trust; key material is never involved. */
    SSLContext sslContext() {
        try {
            X509TrustManager base = baseTrustManager();
            TrustManager manager = fingerprint == null ? base : new PinnedTrustManager(base, fingerprint);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Failed to set up TLS trust: " + e.getMessage(), e);
        }
    }

    private X509TrustManager baseTrustManager() throws GeneralSecurityException, IOException {
        KeyStore store = null;
        if (caCertificatePem != null) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate certificate : parseCertificates(caCertificatePem)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
        }
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager) {
                return (X509TrustManager) manager;
            }
        }
        throw new GeneralSecurityException("The JDK offers no X.509 trust manager.");
    }

    /**
     * Trust manager that accepts a chain containing the pinned certificate, where each certificate
     * from the server's own up to the pinned one is valid and signed by the next. With only a
     * fingerprint, this replaces validation against a trust store. With a CA given as well, the
     * chain must also pass the CA check.
     */
    private final class PinnedTrustManager implements X509TrustManager {
        private final X509TrustManager base;
        private final String pinned;

        PinnedTrustManager(X509TrustManager base, String pinned) {
            this.base = base;
            this.pinned = pinned;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            base.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            if (caCertificatePem != null) {
                base.checkServerTrusted(chain, authType);
            }
            for (int index = 0; index < chain.length; index++) {
                if (pinned.equals(sha256(chain[index]))) {
                    requireSignedPath(chain, index);
                    return;
                }
            }
            throw new CertificateException(
                    "No certificate in the server's chain has the SHA-256 fingerprint " + pinned
                            + ". Check the fingerprint configured for this cluster.");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return base.getAcceptedIssuers();
        }

        /**
         * Checks that each certificate from the server's own one up to the pinned one is valid
         * and signed by the next. A CA certificate is public, so any server can append it to its
         * chain, and only these signatures prove the server's key belongs under the pin.
         */
        private void requireSignedPath(X509Certificate[] chain, int pinnedIndex) throws CertificateException {
            for (int index = 0; index <= pinnedIndex; index++) {
                chain[index].checkValidity();
                if (index == pinnedIndex) {
                    break;
                }
                X509Certificate issuer = chain[index + 1];
                try {
                    if (!chain[index].getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                        throw new GeneralSecurityException("issuer name differs");
                    }
                    chain[index].verify(issuer.getPublicKey());
                } catch (GeneralSecurityException e) {
                    throw new CertificateException(
                            "The server's certificate " + chain[0].getSubjectX500Principal()
                                    + " is not signed by the certificate with the pinned SHA-256 "
                                    + "fingerprint " + pinned + " (" + e.getMessage() + ").",
                            e);
                }
            }
        }
    }

    static String sha256(X509Certificate certificate) throws CertificateException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException("Failed to compute a certificate fingerprint", e);
        }
    }

    private static String normalizeFingerprint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String hex = value.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "Invalid SHA-256 fingerprint '" + value
                            + "': expected 64 hex digits, optionally separated by colons.");
        }
        return hex;
    }

    private static List<X509Certificate> parseCertificates(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Collection<? extends java.security.cert.Certificate> parsed =
                    factory.generateCertificates(
                            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> certificates = new ArrayList<>();
            for (java.security.cert.Certificate certificate : parsed) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(
                    "Invalid CA certificate: expected one or more PEM blocks starting with "
                            + "'-----BEGIN CERTIFICATE-----' (" + e.getMessage() + ").",
                    e);
        }
    }

    @Override
    public String toString() {
        if (this == JDK_DEFAULT) {
            return "jdk-default";
        }
        StringBuilder text = new StringBuilder();
        if (caCertificatePem != null) {
            text.append("ca-certificate");
        }
        if (fingerprint != null) {
            text.append(text.length() > 0 ? "+" : "").append("fingerprint(").append(fingerprint).append(')');
        }
        return text.toString();
    }
}
