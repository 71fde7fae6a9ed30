package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of Elasticsearch error responses, including hostile reasons. */
class EsErrorBodyTest {

    @Test
    void reasonKeepsEscapedQuotes() {
        String body = "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":"
                + "\"action [indices:data/read/search] is unauthorized for user [\\\"bob\\\"]\"}],"
                + "\"type\":\"security_exception\",\"reason\":\"outer\"},\"status\":403}";

        assertEquals("action [indices:data/read/search] is unauthorized for user [\"bob\"]",
                EsErrorBody.shortReason(body));
    }

    @Test
    void hugeReasonIsCut() {
        String reason = "x".repeat(100_000);
        String body = "{\"error\":{\"type\":\"illegal_state_exception\",\"reason\":\"" + reason + "\"}}";

        String text = EsErrorBody.shortReason(body);

        assertEquals(EsErrorBody.MAX_REASON_LENGTH + 3, text.length());
        assertTrue(text.endsWith("..."), text);
    }

    @Test
    void cutKeepsSurrogatePairsWhole() {
        String reason = "x".repeat(EsErrorBody.MAX_REASON_LENGTH - 1) + "\uD83D\uDE00" + "tail";
        String body = "{\"error\":{\"type\":\"t\",\"reason\":\"" + reason + "\"}}";

        String text = EsErrorBody.shortReason(body);

        assertFalse(Character.isHighSurrogate(text.charAt(text.length() - 4)), text);
    }

    @Test
    void bodyWithoutJsonIsShown() {
        assertEquals("<html>Bad Gateway</html>", EsErrorBody.shortReason("<html>Bad Gateway</html>\n"));
        assertEquals(List.of(), EsErrorBody.parse("<html>Bad Gateway</html>").types());
    }

    @Test
    void typesComeFromEveryCause() {
        String body = "{\"error\":{\"root_cause\":[{\"type\":\"no_seed_node_left_exception\",\"reason\":\"r1\","
                + "\"suppressed\":[{\"type\":\"connect_transport_exception\",\"reason\":\"r2\"}]}],"
                + "\"type\":\"a\",\"reason\":\"r3\",\"caused_by\":{\"type\":\"s_s_l_handshake_exception\","
                + "\"reason\":\"r4\"}},\"status\":500}";

        EsErrorBody error = EsErrorBody.parse(body);

        assertEquals(List.of("no_seed_node_left_exception", "connect_transport_exception", "a",
                "s_s_l_handshake_exception"), error.types());
        assertEquals(List.of("r1", "r2", "r3", "r4"), error.reasons());
    }

    @Test
    void connectionFailureTypes() {
        assertTrue(RemotePortCheck.isConnectionFailure("connect_transport_exception"));
        assertTrue(RemotePortCheck.isConnectionFailure("no_seed_node_left_exception"));
        assertTrue(RemotePortCheck.isConnectionFailure("s_s_l_handshake_exception"));
        assertTrue(RemotePortCheck.isConnectionFailure("not_ssl_record_exception"));
        assertFalse(RemotePortCheck.isConnectionFailure("security_exception"));
        assertFalse(RemotePortCheck.isConnectionFailure("index_not_found_exception"));
    }
}
