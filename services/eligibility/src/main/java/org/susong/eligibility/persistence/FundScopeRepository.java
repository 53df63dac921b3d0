package org.susong.eligibility.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.persistence.MongoErrors;
import org.susong.eligibility.domain.FundScope;

/**
 * The projection of fund-investments' {@code FundScopePublished.v1} ({@code fund_scopes}, one document per fund):
 * stages, field codes and the fund's event sequence they were published at. Idempotent: a write applies only over an
 * older sequence (a redelivered or late older event changes nothing; two first writes racing: the newer wins).
 */
@ApplicationScoped
public class FundScopeRepository {

    public static final String COLLECTION = "fund_scopes";

    private final MongoCollection<Document> scopes;

    FundScopeRepository(MongoDatabase database) {
        this.scopes = database.getCollection(COLLECTION);
    }

    public Optional<FundScope> find(String fundId) {
        return Optional.ofNullable(scopes.find(Filters.eq("_id", fundId)).first()).map(d -> new FundScope(
                d.getString("_id"), d.getList("stages", String.class), d.getList("fields", String.class),
                d.get("sequence", Number.class).longValue()));
    }

    /**
     * Keeps the scope unless a scope of the same or a later sequence is kept already: one conditional upsert (the
     * filter misses a newer document, and the insert it then tries fails on the id).
     *
     * @return whether the scope was written
     */
    public boolean apply(FundScope scope) {
        return MongoErrors.upsertIfNewer(scopes, Filters.and(Filters.eq("_id", scope.fundId()),
                        Filters.lt("sequence", scope.sequence())),
                Updates.combine(Updates.set("stages", scope.stages()), Updates.set("fields", scope.fields()),
                        Updates.set("sequence", scope.sequence())));
    }

}
