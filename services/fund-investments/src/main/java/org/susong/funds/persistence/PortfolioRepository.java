package org.susong.funds.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.bson.Document;

/**
 * One document per enterprise ({@code _id} = USCC) listing the investments of every fund in it: a
 * maintained index, so that an enterprise's portfolio is read by {@code _id} instead of scanning
 * all investments (the local store ignores secondary indexes). Adding is idempotent
 * ({@code $addToSet}), so a resumer or a redelivered conversion can repeat it.
 */
@ApplicationScoped
public class PortfolioRepository {

    public static final String COLLECTION = "enterprise_portfolios";

    private final MongoCollection<Document> portfolios;

    PortfolioRepository(MongoDatabase database) {
        this.portfolios = database.getCollection(COLLECTION);
    }

    public void add(String enterpriseUscc, String investmentId) {
        portfolios.updateOne(Filters.eq("_id", enterpriseUscc), Updates.addToSet("investmentIds", investmentId),
                new UpdateOptions().upsert(true));
    }

    /** Ids of the enterprise's investments, in the order they were taken. */
    public List<String> investmentIds(String enterpriseUscc) {
        Document d = portfolios.find(Filters.eq("_id", enterpriseUscc)).first();
        return d == null ? List.of() : d.getList("investmentIds", String.class, List.of());
    }
}
