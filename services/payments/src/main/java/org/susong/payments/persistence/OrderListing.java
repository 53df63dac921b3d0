package org.susong.payments.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.persistence.Keyset;
import org.susong.commons.rest.Page;
import org.susong.payments.domain.OrderFilter;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.domain.Scope;

/**
 * The lists of payment orders (issue 24): filters and the principal's scope in one query, keyset-paged by
 * creation time (ties by id), so a page never repeats or skips an order while others are added. Reads only.
 */
@ApplicationScoped
public class OrderListing {

    private final MongoCollection<Document> orders;

    OrderListing(MongoDatabase database) {
        this.orders = database.getCollection(OrderRepository.COLLECTION);
    }

    /** A page of the orders the filter selects and the scope sees; nothing for a scope that sees nothing. */
    public Page<PaymentOrder> page(OrderFilter f, Scope scope, Keyset.Order order, String cursor, int limit) {
        if (scope.none()) {
            return new Page<>(List.of(), null, limit);
        }
        return Keyset.page(orders, Scopes.scoped(conditions(f), scope), "createdAt", order, cursor, limit, null,
                OrderRepository::fromDocument);
    }

    static Bson conditions(OrderFilter f) {
        List<Bson> conditions = new ArrayList<>();
        f.applicationId().ifPresent(id -> conditions.add(Filters.eq("applicationId", id)));
        f.state().ifPresent(s -> conditions.add(Filters.eq("state", s.name())));
        f.budgetLine().ifPresent(line -> conditions.add(Filters.eq("budgetLine", line)));
        f.district().ifPresent(d -> conditions.add(Filters.in("district", d.storedForms())));
        f.measureCode().ifPresent(m -> conditions.add(Filters.eq("measureCode", m)));
        f.beneficiaryUscc().ifPresent(u -> conditions.add(Filters.eq("beneficiaryUscc", u)));
        conditions.addAll(Keyset.onDates("createdAt", f.from(), f.to()));
        return conditions.isEmpty() ? Filters.empty() : Filters.and(conditions);
    }
}
