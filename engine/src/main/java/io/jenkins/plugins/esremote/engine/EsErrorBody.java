package io.jenkins.plugins.esremote.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The error types and reasons of an Elasticsearch error response, in document order: the
 * {@code error} object, its {@code root_cause}, {@code caused_by} and {@code suppressed} entries.
 * Matching these fields, not the raw body, keeps names that Elasticsearch echoes (an alias, a
 * host) from looking like an error type.
 */
record EsErrorBody(List<String> types, List<String> reasons) {

    /** The maximum length of a reason in a message. Longer ones are cut and end in "...". */
    static final int MAX_REASON_LENGTH = 300;

    /** Parses {@code body}. A body that is not a JSON error gives no types or reasons. */
    static EsErrorBody parse(String body) {
        List<String> types = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (body != null && !body.isBlank()) {
            try {
                collect(EsClient.JSON.readTree(body).get("error"), types, reasons);
            } catch (JsonProcessingException e) {
                // Not JSON, such as an HTML page from a proxy: the caller shows the body instead.
            }
        }
        return new EsErrorBody(List.copyOf(types), List.copyOf(reasons));
    }

    private static void collect(JsonNode node, List<String> types, List<String> reasons) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, types, reasons);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (field.getKey().equals("type") && value.isTextual()) {
                types.add(value.asText());
            } else if (field.getKey().equals("reason") && value.isTextual()) {
                reasons.add(value.asText());
            } else if (value.isContainerNode()) {
                collect(value, types, reasons);
            }
        }
    }

    /**
     * Returns the first reason, or {@code body} itself when it has none, cut to
     * {@link #MAX_REASON_LENGTH} characters.
     */
    static String shortReason(String body) {
        return parse(body).shortReasonOr(body);
    }

    /**
     * Returns this error's first reason, or {@code body} when it has none, cut to
     * {@link #MAX_REASON_LENGTH} characters. Callers that already parsed {@code body} use this.
     */
    String shortReasonOr(String body) {
        String text;
        if (!reasons.isEmpty()) {
            text = reasons.get(0);
        } else {
            text = body == null ? "" : body.strip();
        }
        return shorten(text);
    }

    /** Returns {@code text} cut to {@link #MAX_REASON_LENGTH} characters, without splitting a surrogate pair. */
    static String shorten(String text) {
        if (text.length() <= MAX_REASON_LENGTH) {
            return text;
        }
        int end = MAX_REASON_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}
