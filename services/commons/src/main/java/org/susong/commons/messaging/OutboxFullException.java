package org.susong.commons.messaging;

/**
 * An aggregate already holds as many unpublished events as it may (the broker is probably down).
 * Transient: REST answers 503 with Retry-After, consumers retry in place.
 */
public class OutboxFullException extends TransientFailure {

    public OutboxFullException(String aggregateId) {
        super("the outbox of '" + aggregateId + "' is full; events are not being published (is the broker down?)");
    }
}
