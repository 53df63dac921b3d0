package org.susong.commons.ids;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * One text per JSON value, whatever the key order of its objects or the Java types of its numbers
 * (a stored 3 is an Integer inside a BSON document, a parsed one a Long inside a LinkedHashMap): facts
 * compare and hash by what they say, not by how they were read. Dates (java.time) as ISO text; the
 * request hashes of Idempotency-Keys ({@code commons.idempotency}) are taken over it.
 */
public final class CanonicalJson {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .registerModule(new JavaTimeModule()).configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

    private CanonicalJson() {
    }

    public static String of(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass(), e);
        }
    }
}
