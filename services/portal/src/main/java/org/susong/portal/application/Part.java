package org.susong.portal.application;

import java.util.function.Supplier;
import org.susong.portal.client.ServiceError;

/**
 * One part of a page read from a service on its own: its value, or the error that kept it from being read (then the
 * page shows that part as a sentence and the rest as usual). Both null: the service has nothing (e.g. no decision yet).
 */
public record Part<T>(T value, ServiceError error) {

    public static <T> Part<T> of(T value) {
        return new Part<>(value, null);
    }

    public static <T> Part<T> none() {
        return new Part<>(null, null);
    }

    /** The part read by {@code read}; a service's error is kept, not thrown. */
    public static <T> Part<T> read(Supplier<T> read) {
        try {
            return of(read.get());
        } catch (ServiceError e) {
            return new Part<>(null, e);
        }
    }
}
