package org.susong.applications.domain;

import java.util.List;

/** One page of a list and the cursor of the next one (null on the last page). */
public record Paged<T>(List<T> items, String nextCursor) {

    public Paged {
        items = List.copyOf(items);
    }

    /** The first {@code limit} of {@code fetched} (fetched with one more than the limit), cursor from the last kept. */
    public static <T> Paged<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Paged<>(fetched, null);
        }
        List<T> kept = fetched.subList(0, limit);
        return new Paged<>(kept, cursorOf.apply(kept.get(limit - 1)));
    }
}
