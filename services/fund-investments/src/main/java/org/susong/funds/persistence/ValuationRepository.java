package org.susong.funds.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.susong.commons.money.Money;
import org.susong.funds.domain.Valuation;

/**
 * Valuations of investments ({@code valuations}, one document per valuation, never changed): the history of the fair
 * values a fund manager recorded (issue 20 item 9).
 */
@ApplicationScoped
public class ValuationRepository {

    public static final String COLLECTION = "valuations";

    private final MongoCollection<Document> valuations;

    ValuationRepository(MongoDatabase database) {
        this.valuations = database.getCollection(COLLECTION);
    }

    public void insert(Valuation v) {
        valuations.insertOne(new Document("_id", v.id()).append("fundId", v.fundId()).append("investmentId", v.investmentId())
                .append("fairValueFen", v.fairValue().fen()).append("asOf", v.asOf().toString()).append("source", v.source())
                .append("recordedBy", v.recordedBy()).append("recordedAt", Date.from(v.recordedAt())));
    }

    /** An investment's valuations, oldest first (by as-of date, then by when recorded). */
    public List<Valuation> ofInvestment(String investmentId) {
        return read(Filters.eq("investmentId", investmentId));
    }

    /** Every valuation of a fund's investments, oldest first. */
    public List<Valuation> ofFund(String fundId) {
        return read(Filters.eq("fundId", fundId));
    }

    private List<Valuation> read(org.bson.conversions.Bson filter) {
        List<Valuation> found = new ArrayList<>();
        for (Document d : valuations.find(filter).sort(Sorts.ascending("asOf", "recordedAt", "_id"))) {
            found.add(new Valuation(d.getString("_id"), d.getString("fundId"), d.getString("investmentId"),
                    Money.ofFen(d.get("fairValueFen", Number.class).longValue()), LocalDate.parse(d.getString("asOf")),
                    d.getString("source"), d.getString("recordedBy"), d.getDate("recordedAt").toInstant()));
        }
        return found;
    }
}
