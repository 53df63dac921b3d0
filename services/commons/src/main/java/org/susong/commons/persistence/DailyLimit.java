package org.susong.commons.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A running total per key and business day, kept under a limit: what one principal (or one fund) may move
 * without a second approver in a day (issue 23: fund investments, budget adjustments). One document per
 * key and day, {@code _id = <key>:<yyyy-mm-dd>}; the add is one guarded {@code $inc} written before the
 * caller acts on it, so two requests at once cannot both slip under the limit. An amount added for a
 * request that then fails stays counted: more approvals, never fewer.
 */
public final class DailyLimit {

    static final String TOTAL = "totalFen";
    static final String COUNTED = "counted";

    private DailyLimit() {
    }

    /**
     * Adds {@code amountFen} to the day's total of {@code key} unless the total would then exceed
     * {@code limitFen}. With a {@code countedId} the add is idempotent by it (a retry, or a redo after a
     * crash, counts once): true when it is counted, now or before. Without one, every call adds.
     *
     * @return true when counted; false when it would pass the limit (nothing added: ask a second approver)
     */
    public static boolean add(MongoCollection<Document> totals, String key, LocalDate day, String countedId,
                              long amountFen, long limitFen) {
        String id = key + ":" + day;
        MongoErrors.insertIfAbsent(totals, new Document("_id", id).append(TOTAL, 0L));
        Bson within = Filters.and(Filters.eq("_id", id), Filters.lte(TOTAL, limitFen - amountFen));
        if (countedId == null) {
            return totals.updateOne(within, Updates.inc(TOTAL, amountFen)).getModifiedCount() == 1;
        }
        return totals.updateOne(Filters.and(within, Filters.ne(COUNTED, countedId)),
                Updates.combine(Updates.inc(TOTAL, amountFen), Updates.push(COUNTED, countedId))).getModifiedCount() == 1
                || totals.countDocuments(Filters.and(Filters.eq("_id", id), Filters.eq(COUNTED, countedId))) == 1;
    }
}
