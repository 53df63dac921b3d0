package org.susong.funds.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.persistence.MongoErrors;
import org.susong.funds.domain.Capital;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundKind;
import org.susong.funds.domain.FundStatus;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Stage;

/**
 * Funds, one small document each. The document is also the counter investments are applied to:
 * {@code availableFen} (= paid-in - reserve - invested) and {@code investedFen} move together in
 * one guarded update that records the investment id ({@link GuardedCounter}). Funds carry no outbox:
 * their investments do.
 */
@ApplicationScoped
public class FundRepository {

    public static final String COLLECTION = "funds";
    static final String AVAILABLE = "availableFen";
    static final String INVESTED = "investedFen";

    private final MongoCollection<Document> funds;

    FundRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.funds = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Inserts the fund under its deterministic id; false when it is already there (seeded before, or by another replica). */
    public boolean insertIfAbsent(Fund fund, int seedVersion, Instant now) {
        return MongoErrors.insertIfAbsent(funds, toDocument(fund).append("seedVersion", seedVersion).append("seededAt", Date.from(now)));
    }

    public List<Fund> findAll() {
        List<Fund> all = new ArrayList<>();
        for (Document d : funds.find().projection(Projections.exclude(GuardedCounter.APPLIED)).sort(Sorts.ascending("_id"))) {
            all.add(fromDocument(d));
        }
        return all;
    }

    public Optional<Fund> find(String id) {
        return Optional.ofNullable(funds.find(Filters.eq("_id", id)).projection(Projections.exclude(GuardedCounter.APPLIED))
                .first()).map(FundRepository::fromDocument);
    }

    /**
     * Takes the investment off the fund's available money exactly once: only while the fund is
     * OPEN and has at least {@code amount} available, and only if this investment id is not yet
     * recorded on the fund.
     */
    public GuardedCounter.Outcome apply(String fundId, String investmentId, Money amount) {
        return GuardedCounter.apply(funds, fundId, investmentId,
                Filters.and(Filters.gte(AVAILABLE, amount.fen()), Filters.eq("status", FundStatus.OPEN.name())),
                Updates.combine(Updates.inc(AVAILABLE, -amount.fen()), Updates.inc(INVESTED, amount.fen()),
                        Updates.inc("investmentCount", 1L)));
    }

    /** Drops the investment id from the fund once the investment records that it was committed. */
    public void forget(String fundId, String investmentId) {
        GuardedCounter.forget(funds, fundId, investmentId);
    }

    /** The fund's counter as stored (what the guard compares with). */
    public Optional<Money> available(String fundId) {
        return Optional.ofNullable(funds.find(Filters.eq("_id", fundId)).projection(Projections.include(AVAILABLE)).first())
                .map(d -> Money.ofFen(d.get(AVAILABLE, Number.class).longValue()));
    }

    static Document toDocument(Fund f) {
        List<Document> capital = new ArrayList<>();
        f.capital().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> capital.add(
                new Document("source", e.getKey().name()).append("committedFen", e.getValue().committed().fen())
                        .append("paidInFen", e.getValue().paidIn().fen())));
        return new Document("_id", f.id())
                .append("nameZh", f.names().chinese())
                .append("nameEn", f.names().english())
                .append("kind", f.kind().name())
                .append("manager", f.manager())
                .append("targetSizeFen", f.targetSize().fen())
                .append("capital", capital)
                .append("committedFen", f.committed().fen())
                .append("paidInFen", f.paidIn().fen())
                .append("reserveBasisPoints", f.reserveBasisPoints())
                .append("reserveFen", f.reserve().fen())
                .append(INVESTED, f.invested().fen())
                .append(AVAILABLE, f.available().fen())
                .append("investmentCount", 0L)
                .append("stages", names(f.mandate().stages()))
                .append("fields", f.mandate().fields())
                .append("instruments", names(f.mandate().instruments()))
                .append("status", f.status().name())
                .append("inHundredBillionTarget", f.inHundredBillionTarget())
                .append("placeholder", f.provenance().placeholder())
                .append("placeholderNote", f.provenance().note())
                .append(GuardedCounter.APPLIED, List.of());
    }

    static Fund fromDocument(Document d) {
        Map<CapitalSource, Capital> capital = new EnumMap<>(CapitalSource.class);
        for (Document c : d.getList("capital", Document.class, List.of())) {
            capital.put(CapitalSource.valueOf(c.getString("source")), new Capital(fen(c, "committedFen"), fen(c, "paidInFen")));
        }
        Fund.Mandate mandate = new Fund.Mandate(
                d.getList("stages", String.class, List.of()).stream().map(Stage::valueOf).collect(Collectors.toSet()),
                d.getList("fields", String.class, List.of()),
                d.getList("instruments", String.class, List.of()).stream().map(Instrument::valueOf).collect(Collectors.toSet()));
        return new Fund(d.getString("_id"), new Fund.Names(d.getString("nameZh"), d.getString("nameEn")),
                FundKind.valueOf(d.getString("kind")), d.getString("manager"), fen(d, "targetSizeFen"), capital,
                d.get("reserveBasisPoints", Number.class).intValue(), mandate, FundStatus.valueOf(d.getString("status")),
                d.getBoolean("inHundredBillionTarget", false),
                new Fund.Provenance(d.getBoolean("placeholder", false), d.getString("placeholderNote")), fen(d, INVESTED));
    }

    private static Money fen(Document d, String field) {
        return Money.ofFen(d.get(field, Number.class).longValue());
    }

    private static <E extends Enum<E>> List<String> names(Set<E> values) {
        return values.stream().sorted().map(Enum::name).toList();
    }
}
