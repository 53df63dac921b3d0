package org.susong.applications.domain;

/** A command the application's current state does not allow; answered 409 naming the state. */
public final class IllegalTransition extends RuntimeException {

    private final ApplicationStatus current;

    public IllegalTransition(ApplicationStatus current, String message) {
        super(message);
        this.current = current;
    }

    public ApplicationStatus current() {
        return current;
    }
}
