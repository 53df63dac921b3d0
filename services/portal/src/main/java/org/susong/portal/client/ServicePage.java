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

    /** Whether the service has more than this page. */
    public boolean more() {
        return nextCursor != null;
    }
}
