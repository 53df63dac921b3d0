package org.susong.applications.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One text per JSON value, whatever the key order of its objects or the Java types of its numbers
 * (a stored 3 is an Integer inside a BSON document, a parsed one a Long inside a LinkedHashMap): facts
 * compare and hash by what they say, not by how they were read.
 */
final class CanonicalJson {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CanonicalJson() {
    }

    static String of(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass(), e);
        }
    }
}
