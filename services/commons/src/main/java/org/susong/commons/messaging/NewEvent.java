package org.susong.commons.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event the application layer wants published, before it is fixed into the outbox: the
 * CloudEvents type, the aggregate id (subject and Kafka key), the wire payload record and the
 * extension attributes (actor, correlation, causation, district, rule version).
 */
public record NewEvent(String type, String subject, Object payload, Map<String, String> extensions) {

    public NewEvent {
        extensions = Map.copyOf(extensions);
    }

    public static Builder of(String type, String subject, Object payload) {
        return new Builder(type, subject, payload);
    }

    public static final class Builder {
        private final String type;
        private final String subject;
        private final Object payload;
        private final Map<String, String> extensions = new LinkedHashMap<>();

        private Builder(String type, String subject, Object payload) {
            this.type = type;
            this.subject = subject;
            this.payload = payload;
        }

        public Builder actor(String actor) {
            return put(EventHeaders.ACTOR, actor);
        }

        public Builder correlation(String id) {
            return put(EventHeaders.CORRELATION, id);
        }

        public Builder causation(String id) {
            return put(EventHeaders.CAUSATION, id);
        }

        public Builder district(String district) {
            return put(EventHeaders.DISTRICT, district);
        }

        public Builder ruleVersion(String version) {
            return put(EventHeaders.RULE_VERSION, version);
        }

        private Builder put(String name, String value) {
            if (value != null && !value.isEmpty()) {
                extensions.put(name, value);
            }
            return this;
        }

        public NewEvent build() {
            return new NewEvent(type, subject, payload, extensions);
        }
    }
}
