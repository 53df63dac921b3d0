package org.susong.portal.client;

import java.util.List;

/** A page of the applications list (commons {@code Page}: items, nextCursor, limit). */
public record ApplicationPage(List<ApplicationRow> items, String nextCursor, int limit) {

    public ApplicationPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
