package org.susong.techcontracts.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.ids.District;
import org.susong.commons.persistence.Keyset;
import org.susong.commons.rest.Page;
import org.susong.techcontracts.domain.ContractFilter;
import org.susong.techcontracts.domain.TechContract;

/**
 * The portal's list of contracts (issue 24): the filters and the caller's scope in one query, newest first by id
 * (ids begin with the filing day), keyset-paged. Reads only.
 */
@ApplicationScoped
public class ContractListing {

    /** What a caller may see: everything, or one district's and/or one party's contracts (none: nothing). */
    public record Visible(boolean all, Optional<District> district, Optional<String> partyUscc) {
        public boolean none() {
            return !all && district.isEmpty() && partyUscc.isEmpty();
        }
    }

    private final MongoCollection<Document> contracts;

    ContractListing(MongoDatabase database) {
        this.contracts = database.getCollection(ContractRepository.COLLECTION);
    }

    public Page<TechContract> page(ContractFilter f, Visible visible, String cursor, int limit) {
        if (visible.none()) {
            return new Page<>(List.of(), null, limit);
        }
        List<Bson> conditions = new ArrayList<>();
        f.district().ifPresent(d -> conditions.add(Filters.in(ContractCodec.SELLER_DISTRICT, d.storedForms())));
        f.status().ifPresent(s -> conditions.add(Filters.eq("status", s.name())));
        f.type().ifPresent(t -> conditions.add(Filters.eq("type", t.name())));
        f.applicantUscc().ifPresent(u -> conditions.add(party(u)));
        f.from().ifPresent(from -> conditions.add(Filters.gte("registeredOn", from.toString())));
        f.to().ifPresent(to -> conditions.add(Filters.lte("registeredOn", to.toString())));
        if (!visible.all()) {
            List<Bson> any = new ArrayList<>();
            visible.district().ifPresent(d -> any.add(Filters.in(ContractCodec.SELLER_DISTRICT, d.storedForms())));
            visible.partyUscc().ifPresent(u -> any.add(party(u)));
            conditions.add(any.size() == 1 ? any.get(0) : Filters.or(any));
        }
        return Keyset.page(contracts, conditions.isEmpty() ? Filters.empty() : Filters.and(conditions), "_id", cursor,
                limit, null, ContractCodec::contract);
    }

    private static Bson party(String uscc) {
        // contracts of the first slice keep the parties' codes flat (sellerUscc, buyerUscc): read both forms
        return Filters.or(Filters.eq("seller.uscc", uscc), Filters.eq("buyer.uscc", uscc), Filters.eq("sellerUscc", uscc),
                Filters.eq("buyerUscc", uscc));
    }
}
