package org.susong.commons.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A received Susong event: its CloudEvents attributes and extensions, the raw payload (whose hash
 * idempotent consumers compare on redelivery) and the parsed JSON body.
 */
public record InboundEvent(String id, String type, String source, String subject, Instant time,
                           Map<String, String> extensions, String payload, String hash, JsonNode data) {

    public String extension(String name) {
        return extensions.get(name);
    }

    /** The correlation id, or the subject when the producer set none. */
    public String correlation() {
        String correlation = extensions.get(EventHeaders.CORRELATION);
        return correlation == null ? subject : correlation;
    }

    /** Text field of the body that must be present; a missing one makes the record permanently bad. */
    public String text(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull() || !node.isValueNode()) {
            throw new PermanentFailure(type + " " + id + " has no '" + field + "'");
        }
        return node.asText();
    }

    /**
     * Text field of the body that may be absent: missing, null or blank is {@code null}; a value that is not text (a
     * number, an object) makes the record permanently bad rather than being read as its JSON spelling.
     */
    public String optionalText(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new PermanentFailure(type + " " + id + ": '" + field + "' is not text");
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    public long number(String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.canConvertToLong()) {
            throw new PermanentFailure(type + " " + id + " has no whole number '" + field + "'");
        }
        return node.asLong();
    }
}
