package org.susong.funds.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.susong.commons.states.StoredText;

/** Read-only scans for the audit (issue 12): the funds' counters and the intents. Nothing is written. */
@ApplicationScoped
public class AuditReads {

    /** Capital amounts of a fund or of one of its sources. */
    public record Amounts(long committedFen, long calledFen, long uncalledFen, long paidInFen) {
    }

    /**
     * A fund's counters as stored, with its capital by source; {@code reserveFeesFen} the management fees its reserve
     * paid (issue 20 item 9: money that left the fund).
     */
    public record FundRow(String id, Amounts total, Map<String, Amounts> sources, long availableFen, long investedFen,
                          long reserveFen, long recycledFen, long reserveFeesFen) {
    }

    /** An intent document: collection, id, where it stands for the audit, written at. */
    public record IntentRow(String collection, String id, Phase phase, Instant at) {
    }

    /**
     * Where an intent stands for the audit and the pending gauge, read from its stored {@code state} (the same values
     * in the investments', capital movements' and conversions' state enums): waiting for a second approver, PENDING
     * (money not moved yet), or any other state (claimed, applied, refused, ...), which neither waits nor can be stuck.
     */
    public enum Phase implements StoredText {
        AWAITING_APPROVAL,
        PENDING,
        OTHER;

        static Phase of(String stored) {
            return StoredText.find(Phase.class, stored).orElse(OTHER); // the text OTHER is OTHER as well
        }
    }

    private final MongoDatabase database;

    AuditReads(MongoDatabase database) {
        this.database = database;
    }

    public List<FundRow> funds() {
        List<FundRow> rows = new ArrayList<>();
        for (Document d : database.getCollection(FundRepository.COLLECTION).find().projection(Projections.include("capital",
                "committedFen", "calledFen", "paidInFen", FundRepository.AVAILABLE, FundRepository.INVESTED, "reserveFen",
                FundRepository.RECYCLED, FundRepository.RESERVE_FEES))) {
            Map<String, Amounts> sources = new TreeMap<>();
            Document capital = d.get("capital", Document.class);
            if (capital != null) {
                capital.forEach((source, amounts) -> sources.put(source, amounts((Document) amounts)));
            }
            rows.add(new FundRow(d.getString("_id"), amounts(d), sources, fen(d, FundRepository.AVAILABLE),
                    fen(d, FundRepository.INVESTED), fen(d, "reserveFen"), fen(d, FundRepository.RECYCLED),
                    fen(d, FundRepository.RESERVE_FEES)));
        }
        return rows;
    }

    public List<IntentRow> intents() {
        List<IntentRow> rows = new ArrayList<>();
        // an approved investment is PENDING from its approval on (asked for maybe long before)
        intents(rows, InvestmentRepository.COLLECTION, "createdAt", "approval.approvedAt");
        intents(rows, CapitalMovementRepository.COLLECTION, "createdAt", "approval.approvedAt"); // an approved fee too
        intents(rows, ConversionRepository.COLLECTION, "receivedAt");
        return rows;
    }

    private void intents(List<IntentRow> rows, String collection, String at) {
        intents(rows, collection, at, null);
    }

    /** {@code laterAt} (a dotted path, may be null): when present, the intent's age counts from it instead. */
    private void intents(List<IntentRow> rows, String collection, String at, String laterAt) {
        List<String> fields = laterAt == null ? List.of("state", at) : List.of("state", at, laterAt);
        for (Document d : database.getCollection(collection).find().projection(Projections.include(fields))) {
            Date later = laterAt == null ? null : d.getEmbedded(List.of(laterAt.split("\\.")), Date.class);
            Date date = later != null ? later : d.getDate(at);
            rows.add(new IntentRow(collection, d.getString("_id"), Phase.of(d.getString("state")), date == null ? null : date.toInstant()));
        }
    }

    private static Amounts amounts(Document d) {
        return new Amounts(fen(d, "committedFen"), fen(d, "calledFen"), fen(d, "uncalledFen"), fen(d, "paidInFen"));
    }

    private static long fen(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }
}
