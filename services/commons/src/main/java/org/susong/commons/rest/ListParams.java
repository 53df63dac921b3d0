package org.susong.commons.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.susong.commons.ids.District;

/**
 * The query parameters every list shares, read the same way in every service: {@code limit} (1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}), {@code cursor}, {@code district} in any case,
 * enum filters ({@code status}, {@code state}) in any case, and {@code from}/{@code to} dates. A value
 * that is not one is a 400 naming the parameter, never an empty list.
 */
public final class ListParams {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private ListParams() {
    }

    /** {@code limit}: absent is {@value #DEFAULT_LIMIT}; outside 1..{@value #MAX_LIMIT} is 400. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** A district parameter (or header) in any case; blank is none; an unknown one is 400 naming {@code field}. */
    public static Optional<District> district(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(District.parse(text).orElseThrow(() -> ProblemException.badRequest(field,
                "unknown district '" + text + "'; one of " + District.allowed())));
    }

    /** An enum filter in any case; blank is none; another value is 400 naming {@code field}. */
    public static <E extends Enum<E>> Optional<E> oneOf(String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "unknown " + field + " '" + text + "'; one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A date (YYYY-MM-DD); blank is none; another text is 400 naming {@code field}. */
    public static Optional<LocalDate> date(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, field + " must be a date (YYYY-MM-DD), not '" + text + "'");
        }
    }

    /** {@code from}/{@code to} dates of a list, both inclusive; either may be empty. */
    public record Dates(Optional<LocalDate> from, Optional<LocalDate> to) {
    }

    /** The {@code from} and {@code to} parameters: each a date or 400 naming it, and {@code from} not after {@code to}. */
    public static Dates dates(String from, String to) {
        Dates dates = new Dates(date("from", from), date("to", to));
        checkRange(dates.from(), dates.to());
        return dates;
    }

    /** {@code from} after {@code to} is a 400 naming {@code from}. */
    public static void checkRange(Optional<LocalDate> from, Optional<LocalDate> to) {
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw ProblemException.badRequest("from", "from " + from.get() + " is after to " + to.get());
        }
    }

    /** Blank is none; otherwise trimmed. */
    public static Optional<String> text(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }
}
