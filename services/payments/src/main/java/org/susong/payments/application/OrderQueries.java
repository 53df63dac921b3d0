package org.susong.payments.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.susong.commons.persistence.Keyset;
import org.susong.commons.rest.Page;
import org.susong.payments.domain.OrderFilter;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.domain.Scope;
import org.susong.payments.persistence.OrderListing;

/** The portal's lists of payment orders (reads only): filters and the principal's scope, one query, keyset-paged. */
@ApplicationScoped
public class OrderQueries {

    private final OrderListing listing;

    OrderQueries(OrderListing listing) {
        this.listing = listing;
    }

    /** Orders newest first (by creation, ties by id) that the filter selects and the scope sees. */
    public Page<PaymentOrder> orders(OrderFilter filter, Scope scope, String cursor, int limit) {
        return listing.page(filter, scope, Keyset.Order.DESCENDING, cursor, limit);
    }

    /** The published list (公示): the orders in public notice, in the order they entered it; every role reads it all. */
    public Page<PaymentOrder> inNotice(OrderFilter filter, String cursor, int limit) {
        return listing.page(filter, Scope.ALL, Keyset.Order.ASCENDING, cursor, limit);
    }
}
