package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

    @Test
    void keyAccessRoundTripsMap() {
        Map<String, Object> map = Map.of("search", List.of(Map.of("names", List.of("logs-*"))),
                "replication", List.of(Map.of("names", List.of("leader-1"))));

        KeyAccess access = KeyAccess.fromMap(map);

        assertEquals(List.of(List.of("logs-*")), access.search());
        assertEquals(map, access.toMap());
    }

    @Test
    void keyAccessRejectsClusterPrefix() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KeyAccess.builder().search("leader:logs-*"));

        assertTrue(error.getMessage().contains("'leader:logs-*'"), error.getMessage());
    }

    @Test
    void keyAccessRejectsUnknownEntry() {
        assertThrows(IllegalArgumentException.class,
                () -> KeyAccess.fromMap(Map.of("read", List.of(Map.of("names", List.of("a"))))));
    }

    @Test
    void expirationMustBeTimeValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CreateKeyRequest.derived().withExpiration("90 days"));

        assertTrue(error.getMessage().contains("'90 days'"), error.getMessage());
    }

    @Test
    void proxyTakesOneAddress() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectRequest(ReconnectRequest.Mode.PROXY, List.of("a:9443", "b:9443"), null));
    }

    @Test
    void addressNeedsPort() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReconnectRequest.proxy("es1.example.com"));

        assertTrue(error.getMessage().contains("host:port"), error.getMessage());
    }

    @Test
    void addressWithStrayColonOrBracketsRejected() {
        // Elasticsearch stores these, and the remote port check could not reject them before the switch
        for (String address : List.of("a:b:9443", "::1:9443", "[localhost]:9443", "[::1:9443", "es1]:9443",
                "[]:9443")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ReconnectRequest.proxy(address), address);

            assertTrue(error.getMessage().contains("'" + address + "'"), error.getMessage());
            assertTrue(error.getMessage().contains("[::1]:9443"), error.getMessage());
        }
    }

    @Test
    void hostAndIpAddressesAccepted() {
        for (String address : List.of("es1.example.com:9443", "es_1:9443", "10.0.0.1:9443", "[::1]:9443",
                "[2001:db8::1]:9443", "[fe80::1%eth0]:9443", "[::ffff:10.0.0.1]:9443")) {
            assertEquals(List.of(address), ReconnectRequest.proxy(address).addresses());
        }
    }

    @Test
    void roleGrantFromMap() {
        RoleGrant grant = RoleGrant.fromMap(Map.of("role", "reader", "copyFrom", List.of("remote_reader"),
                "remoteCluster", List.of("monitor_enrich")));

        assertEquals("reader", grant.localRole());
        assertEquals(List.of("remote_reader"), grant.copyFromRemoteRoles());
        assertEquals(List.of("monitor_enrich"), grant.remoteClusterPrivileges());
    }

    @Test
    void duplicateRoleGrantRejected() {
        RoleGrant grant = RoleGrant.copiedFrom("reader", List.of("x"));

        assertThrows(IllegalArgumentException.class, () -> GrantPrivilegesRequest.of(grant, grant));
    }

    @Test
    void wildcardClusterMatchesAlias() {
        assertEquals(List.of("logs-*"), ClusterPatterns.remoteIndices(List.of("*:logs-*"), "leader"));
        assertEquals(List.of("a"), ClusterPatterns.remoteIndices(List.of("lead*:a,local-b"), "leader"));
        assertTrue(ClusterPatterns.remoteIndices(List.of("other:a", "plain"), "leader").isEmpty());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(EsVersion.parse("8.13.0").atLeast(EsVersion.RELOADABLE_CREDENTIALS));
        assertFalse(EsVersion.parse("8.9.2").atLeast(EsVersion.MINIMUM));
        assertTrue(EsVersion.parse("9.1.0-SNAPSHOT").atLeast(EsVersion.MINIMUM));
    }

    @Test
    void exceptionMessageNamesEverything() {
        MigrationException error = new MigrationException(Phase.RECONNECT, "prod", "leader",
                "security_exception", "missing privilege", "grant manage_security", null);

        assertEquals("reconnect failed on cluster 'prod' for alias 'leader': missing privilege "
                + "(Elasticsearch error type: security_exception). Next: grant manage_security",
                error.getMessage());
    }
}
