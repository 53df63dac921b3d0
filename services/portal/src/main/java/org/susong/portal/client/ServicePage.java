package org.susong.portal.client;

import java.util.List;

/**
 * A page of a service's list (commons {@code Page}: items, nextCursor, limit), for the lists the portal shows one page
 * of (the work queue's sections, an application's payment orders).
 */
public record ServicePage<T>(List<T> items, String nextCursor, int limit) {

    public ServicePage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A page of nothing: what a part shows beside its error, so the page never reads a missing list. */
    public static <T> ServicePage<T> empty() {
        return new ServicePage<>(List.of(), null, 0);
    }

    /** Whether the service has more than this page. */
    public boolean more() {
        return nextCursor != null;
    }
}
