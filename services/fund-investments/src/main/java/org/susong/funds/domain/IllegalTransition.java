package org.susong.funds.domain;

/** A state change the investment's current state does not allow. */
public class IllegalTransition extends RuntimeException {

    public IllegalTransition(String message) {
        super(message);
    }
}
