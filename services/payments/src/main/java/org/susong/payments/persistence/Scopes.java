package org.susong.payments.persistence;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.susong.payments.domain.Scope;

/**
 * A {@link Scope} as a query filter on documents with {@code district} and {@code beneficiaryUscc} fields: the
 * district's, the applicants' that moved to it, the principal's own USCC's.
 */
final class Scopes {

    private Scopes() {
    }

    /** {@code base} narrowed to what a scope that sees something sees (callers return nothing for {@link Scope#none()}). */
    static Bson scoped(Bson base, Scope scope) {
        if (scope.all()) {
            return base;
        }
        List<Bson> any = new ArrayList<>();
        if (scope.district() != null) {
            any.add(Filters.in("district", scope.district().storedForms()));
        }
        if (!scope.movedHere().isEmpty()) {
            any.add(Filters.in("beneficiaryUscc", scope.movedHere()));
        }
        if (scope.uscc() != null) {
            any.add(Filters.eq("beneficiaryUscc", scope.uscc()));
        }
        return Filters.and(base, any.size() == 1 ? any.get(0) : Filters.or(any));
    }
}
