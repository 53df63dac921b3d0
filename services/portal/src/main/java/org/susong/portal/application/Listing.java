package org.susong.portal.application;

import java.util.List;

/** One page of a list page: its rows and the cursor of the next page (null on the last). */
public record Listing<T>(List<T> rows, String nextCursor) {

    public Listing {
        rows = List.copyOf(rows);
    }
}
