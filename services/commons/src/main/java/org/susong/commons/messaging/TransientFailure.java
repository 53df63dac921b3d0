package org.susong.commons.messaging;

/** A failure that goes away by itself (store or broker unavailable, optimistic conflict): retry, never dead-letter. */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message) {
        super(message);
    }

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
