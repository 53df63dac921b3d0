package org.susong.commons.rest;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one list envelope of every service: a page of {@code items} in a stable order, the
 * {@code nextCursor} to ask for the next page with ({@code ?cursor=}; null on the last page) and the
 * {@code limit} that was applied (1 to {@value ListParams#MAX_LIMIT}).
 */
@Schema(description = "A page of a list, keyset-paged: pass nextCursor back as ?cursor= for the next page; "
        + "nextCursor is null on the last page")
public record Page<T>(
        @Schema(description = "this page's items, in the list's order", required = true) List<T> items,
        @Schema(description = "opaque cursor of the next page; null on the last page", nullable = true) String nextCursor,
        @Schema(description = "the page size applied (1 to 200)", required = true) int limit) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor, limit);
    }

    /**
     * The first {@code limit} of {@code fetched} (read with one more than the limit, in list order), the
     * next cursor taken from the last item kept.
     */
    public static <T> Page<T> ofFetched(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null, limit);
        }
        List<T> kept = fetched.subList(0, limit);
        return new Page<>(kept, cursorOf.apply(kept.get(limit - 1)), limit);
    }

    /**
     * A page of a list held in memory (a catalogue), already in its order with unique keys: the items
     * after the cursor's key. The cursor is the last key of the previous page, encoded.
     */
    public static <T> Page<T> of(List<T> ordered, Function<T, String> key, String cursor, int limit) {
        int start = 0;
        if (cursor != null) {
            String after = Cursors.decode(cursor)[0];
            start = ordered.size();
            for (int i = 0; i < ordered.size(); i++) {
                if (key.apply(ordered.get(i)).equals(after)) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(ordered.size(), start + limit);
        List<T> items = ordered.subList(Math.min(start, end), end);
        String next = end < ordered.size() && !items.isEmpty() ? Cursors.encode(key.apply(items.get(items.size() - 1)))
                : null;
        return new Page<>(items, next, limit);
    }
}
