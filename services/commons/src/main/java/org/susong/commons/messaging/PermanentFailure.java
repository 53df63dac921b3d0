package org.susong.commons.messaging;

/**
 * A record that will never succeed as it is (malformed, fails its schema, violates an invariant,
 * a redelivery whose payload changed): it goes to the consumer's dead-letter topic with this
 * message as the reason, and consumption continues.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
