package org.susong.applications.domain;

/** A value the domain refuses, naming the request field (answered 422). */
public final class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
