package org.susong.commons.messaging;

/**
 * CloudEvents extension attributes every Susong event carries (Kafka headers {@code ce_<name>}).
 * CloudEvents names are lower-case letters and digits only.
 */
public final class EventHeaders {

    /** Who acted: "user;roles;district;actingFor". */
    public static final String ACTOR = "actor";
    /** The application or contract the work is about. */
    public static final String CORRELATION = "correlationid";
    /** The event or request that caused this event. */
    public static final String CAUSATION = "causationid";
    /** District of the application or contract. */
    public static final String DISTRICT = "district";
    /** The aggregate's event sequence number; per key, strictly increasing. */
    public static final String SEQUENCE = "sequence";
    /** For decisions: the measure rule version that was applied. */
    public static final String RULE_VERSION = "ruleversion";
    /**
     * The writer's W3C trace context, {@code 00-<trace id>-<span id>-<flags>} (CloudEvents distributed-tracing
     * extension), fixed when the aggregate wrote the event; absent when it was written outside a trace ({@link Traces}).
     */
    public static final String TRACEPARENT = "traceparent";

    /** Prefix of every Susong event type: {@code susong.<service>.<EventName>.v<N>}. */
    public static final String TYPE_PREFIX = "susong.";

    private EventHeaders() {
    }

    public static String type(String service, String eventName, int version) {
        return TYPE_PREFIX + service + "." + eventName + ".v" + version;
    }
}
