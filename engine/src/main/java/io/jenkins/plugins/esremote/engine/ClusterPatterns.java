package io.jenkins.plugins.esremote.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Matches cross-cluster index expressions such as {@code leader:logs-*} or {@code *:metrics}. */
final class ClusterPatterns {

    private ClusterPatterns() {}

    /** Whether a simple wildcard expression ({@code *} only) matches {@code value}. */
    static boolean wildcardMatches(String expression, String value) {
        List<String> quoted = new ArrayList<>();
        for (String part : expression.split("\\*", -1)) {
            quoted.add(Pattern.quote(part));
        }
        return Pattern.matches(String.join(".*", quoted), value);
    }

    /**
     * Returns the remote index parts of {@code expressions} whose cluster part matches
     * {@code alias} ({@code leader:logs-*} and {@code *:logs-*} give {@code logs-*}); local
     * expressions and exclusions are skipped.
     */
    static List<String> remoteIndices(List<String> expressions, String alias) {
        List<String> indices = new ArrayList<>();
        for (String expression : expressions) {
            for (String single : expression.split(",")) {
                String trimmed = single.trim();
                int colon = trimmed.indexOf(':');
                if (colon <= 0 || trimmed.startsWith("-")) {
                    continue;
                }
                if (wildcardMatches(trimmed.substring(0, colon), alias)) {
                    indices.add(trimmed.substring(colon + 1));
                }
            }
        }
        return indices;
    }

    static boolean usesAlias(List<String> expressions, String alias) {
        return !remoteIndices(expressions, alias).isEmpty();
    }
}
