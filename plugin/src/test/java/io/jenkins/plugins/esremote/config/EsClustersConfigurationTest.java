package io.jenkins.plugins.esremote.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.util.FormValidation;
import java.util.List;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.StaplerRequest2;

/** Defaults, normalisation and form checks of the global configuration. */
class EsClustersConfigurationTest {

    private final EsClustersConfiguration configuration = new EsClustersConfiguration();
    private final EsClusterConnection.DescriptorImpl connectionDescriptor = new EsClusterConnection.DescriptorImpl();

    @Test
    void defaults() {
        assertFalse(configuration.isAllowSystemCredentialsStore());
        assertEquals("es-ccs-", configuration.getCredentialsIdPrefix());
        assertEquals(List.of(), configuration.getClusters());
        assertEquals("Elasticsearch clusters", configuration.getDisplayName());
    }

    @Test
    void blankPrefixRestoresDefault() {
        configuration.setCredentialsIdPrefix("team-");
        configuration.setCredentialsIdPrefix("  ");

        assertEquals("es-ccs-", configuration.getCredentialsIdPrefix());
    }

    @Test
    void invalidPrefixIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> configuration.setCredentialsIdPrefix("a/b"));
        assertSame(FormValidation.Kind.ERROR, configuration.doCheckCredentialsIdPrefix("a/b").kind);
        assertSame(FormValidation.Kind.WARNING, configuration.doCheckCredentialsIdPrefix("").kind);
        assertSame(FormValidation.Kind.OK, configuration.doCheckCredentialsIdPrefix("es-").kind);
    }

    @Test
    void duplicateNamesAreRejected() {
        EsClusterConnection first = new EsClusterConnection("prod", "https://a:9200", "c");
        EsClusterConnection second = new EsClusterConnection("prod", "https://b:9200", "c");

        assertThrows(IllegalArgumentException.class, () -> configuration.setClusters(List.of(first, second)));
    }

    @Test
    void lookupByName() {
        EsClusterConnection prod = new EsClusterConnection(" prod ", " https://a:9200 ", " admin ");
        configuration.setClusters(List.of(prod));

        assertSame(prod, configuration.getCluster("prod"));
        assertNull(configuration.getCluster("staging"));
        assertEquals("https://a:9200", prod.getUrls());
        assertEquals("admin", prod.getCredentialsId());
        assertEquals(10, prod.getConnectTimeoutSeconds());
        assertEquals(60, prod.getSocketTimeoutSeconds());
    }

    @Test
    void urlChecks() {
        assertSame(FormValidation.Kind.ERROR, connectionDescriptor.doCheckUrls("").kind);
        assertSame(FormValidation.Kind.ERROR, connectionDescriptor.doCheckUrls("ftp://a").kind);
        assertSame(FormValidation.Kind.WARNING, connectionDescriptor.doCheckUrls("http://a:9200").kind);
        assertSame(FormValidation.Kind.OK, connectionDescriptor.doCheckUrls("https://a:9200 https://b:9200").kind);
    }

    @Test
    void trustAndTimeoutChecks() {
        assertSame(FormValidation.Kind.ERROR, connectionDescriptor.doCheckCaFingerprint("abc").kind);
        assertSame(FormValidation.Kind.OK, connectionDescriptor.doCheckCaFingerprint("").kind);
        assertSame(FormValidation.Kind.ERROR, connectionDescriptor.doCheckCaCertificate("not a pem").kind);
        assertSame(FormValidation.Kind.ERROR, connectionDescriptor.doCheckConnectTimeoutSeconds(0).kind);
        assertSame(FormValidation.Kind.OK, connectionDescriptor.doCheckSocketTimeoutSeconds(5).kind);
        assertSame(FormValidation.Kind.ERROR, connectionDescriptor.doCheckName(" ").kind);
        assertSame(FormValidation.Kind.ERROR, connectionDescriptor.doCheckCredentialsId(null).kind);
    }

    @Test
    void formWithoutClustersClearsThem() throws Exception {
        configuration.setClusters(List.of(new EsClusterConnection("prod", "https://a:9200", "c")));
        StaplerRequest2 formWithoutClusters = (bean, json) -> ((EsClustersConfiguration) bean).setAllowSystemCredentialsStore(true);

        configuration.configure(formWithoutClusters, new JSONObject());

        assertEquals(List.of(), configuration.getClusters());
        assertEquals(true, configuration.isAllowSystemCredentialsStore());
    }
}
