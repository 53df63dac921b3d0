package org.susong.commons.states;

import java.util.Set;

/**
 * A state of a domain record that names the states it may move to. Each service's state enums implement it, so the
 * moves a record can make are written once, on the state, and checked where the move is made: a conditional update
 * asks {@link #moveTo} for the state it writes, and an illegal move is refused before anything is written.
 *
 * @param <S> the enum of states itself
 */
public interface Transitions<S extends Enum<S> & Transitions<S>> {

    /** The states this one may move to (none for a final state). */
    Set<S> next();

    /** Whether this state may move to {@code to}. */
    default boolean canMoveTo(S to) {
        return next().contains(to);
    }

    /**
     * {@code to}, when this state may move to it.
     *
     * @throws IllegalTransition when it may not
     */
    default S moveTo(S to) {
        if (!canMoveTo(to)) {
            throw new IllegalTransition(this, to);
        }
        return to;
    }

    /** Whether no move leaves this state. */
    default boolean isFinal() {
        return next().isEmpty();
    }

    /** A move the states do not allow: a programming error, never an answer to a request. */
    final class IllegalTransition extends IllegalStateException {
        public IllegalTransition(Transitions<?> from, Enum<?> to) {
            super("no move from " + from + " to " + to + "; " + from + " moves to " + from.next());
        }
    }
}
