package org.susong.payments.persistence;

import org.susong.payments.domain.YearEndKind;
import org.susong.payments.domain.YearEndOutcome;
import org.susong.payments.domain.YearEndState;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.persistence.MongoErrors;

/**
 * Year-end closes (issue 20 item 1): the close of a fiscal year ({@code _id = YE-<year>}, the intent, RUNNING until
 * CLOSED, claimed by one runner at a time) and one item per order it plans to carry over or lapse
 * ({@code _id = YE-<year>:<orderId>}, written before the order or a line moves, done once its effect is complete).
 */
@ApplicationScoped
public class YearEndRepository {

    public static final String CLOSES = "year_end_closes";
    public static final String ITEMS = "year_end_items";
    public record Close(String id, int year, YearEndState state, String startedBy, Instant startedAt, String claimToken,
                        Instant claimedAt, String closedBy, Instant closedAt) {
    }

    /**
     * One order of the close: its {@code rule}, what it was at planning ({@code kind}: WAITLISTED, RESERVED, UNPAID,
     * IN_BANK_FILE), {@code movedFen} the money its carry-over moves between the lines (0 for a waitlisted order) or its
     * lapse releases, written before that move; {@code outcome} PLANNED until done: CARRIED_OVER, LAPSED, LEFT (in a
     * bank file, charged to the closed year) or SKIPPED (another writer moved it first: {@code note} says how).
     */
    public record Item(String id, String closeId, String orderId, String measureCode, String fromLine, String toLine,
                       String rule, YearEndKind kind, long orderFen, long movedFen, YearEndOutcome outcome, String note,
                       boolean done) {
    }

    private final MongoCollection<Document> closes;
    private final MongoCollection<Document> items;

    YearEndRepository(MongoDatabase database) {
        this.closes = database.getCollection(CLOSES);
        this.items = database.getCollection(ITEMS);
    }

    void indexes(@Observes StartupEvent event) {
        items.createIndex(Indexes.ascending("closeId", "orderId"));
    }

    public static String closeId(int year) {
        return "YE-" + year;
    }

    /** The close intent (RUNNING); false when the year's close exists already (running or closed). */
    public boolean start(int year, String actor, Instant now) {
        return MongoErrors.insertIfAbsent(closes, new Document("_id", closeId(year)).append("year", year)
                .append("state", YearEndState.RUNNING.name()).append("startedBy", actor).append("startedAt", Date.from(now)));
    }

    /**
     * Claims a RUNNING close for one runner: its claim older than {@code staleBefore} (a runner that crashed or stalled),
     * or never claimed: by a request at once ({@code anyUnclaimed}), by the resumer once started before {@code staleBefore}
     * (the request that started it claims it right after). False when another runner holds it.
     */
    public boolean claim(int year, String token, Instant staleBefore, Instant now, boolean anyUnclaimed) {
        Date stale = Date.from(staleBefore);
        return closes.updateOne(Filters.and(Filters.eq("_id", closeId(year)), Filters.eq("state", YearEndState.RUNNING.name()),
                        Filters.or(anyUnclaimed ? Filters.exists("claimToken", false)
                                : Filters.and(Filters.exists("claimToken", false), Filters.lt("startedAt", stale)),
                                Filters.lt("claimedAt", stale))),
                Updates.combine(Updates.set("claimToken", token), Updates.set("claimedAt", Date.from(now))))
                .getModifiedCount() == 1;
    }

    /** Renews the runner's claim before its next effect (fenced: false when another runner took the close over). */
    public boolean renew(int year, String token, Instant now) {
        return closes.updateOne(Filters.and(Filters.eq("_id", closeId(year)), Filters.eq("state", YearEndState.RUNNING.name()),
                Filters.eq("claimToken", token)), Updates.set("claimedAt", Date.from(now))).getModifiedCount() == 1;
    }

    /** The runner gives its claim up (it stopped early: orders still being reserved); a retry may claim it at once. */
    public void release(int year, String token) {
        closes.updateOne(Filters.and(Filters.eq("_id", closeId(year)), Filters.eq("state", YearEndState.RUNNING.name()),
                Filters.eq("claimToken", token)), Updates.combine(Updates.unset("claimToken"), Updates.unset("claimedAt")));
    }

    /** RUNNING -> CLOSED by the runner holding the claim; false when it lost the claim. */
    public boolean closed(int year, String token, String actor, Instant now) {
        return closes.updateOne(Filters.and(Filters.eq("_id", closeId(year)), Filters.eq("state", YearEndState.RUNNING.name()),
                        Filters.eq("claimToken", token)),
                Updates.combine(Updates.set("state", YearEndState.RUNNING.moveTo(YearEndState.CLOSED).name()), Updates.set("closedBy", actor), Updates.set("closedAt", Date.from(now)),
                        Updates.unset("claimToken"))).getModifiedCount() == 1;
    }

    public Optional<Close> find(int year) {
        return Optional.ofNullable(closes.find(Filters.eq("_id", closeId(year))).first()).map(YearEndRepository::close);
    }

    /** RUNNING closes (a resumer finishes those whose claim went stale). */
    public List<Close> running() {
        List<Close> result = new ArrayList<>();
        for (Document d : closes.find(Filters.eq("state", YearEndState.RUNNING.name()))) {
            result.add(close(d));
        }
        return result;
    }

    /** Plans an order (PLANNED); false when it is planned already (a retry keeps the first plan). */
    public boolean plan(Item item) {
        return MongoErrors.insertIfAbsent(items, new Document("_id", item.id()).append("closeId", item.closeId())
                .append("orderId", item.orderId()).append("measureCode", item.measureCode()).append("fromLine", item.fromLine())
                .append("toLine", item.toLine()).append("rule", item.rule()).append("kind", item.kind().name())
                .append("orderFen", item.orderFen()).append("movedFen", item.movedFen()).append("outcome", YearEndOutcome.PLANNED.name())
                .append("done", false));
    }

    /** Records, before the order moves, what it is now and the money its move will take (only while not done). */
    public boolean intend(String itemId, YearEndKind kind, long orderFen, long movedFen) {
        return items.updateOne(Filters.and(Filters.eq("_id", itemId), Filters.eq("done", false)), Updates.combine(
                Updates.set("kind", kind.name()), Updates.set("orderFen", orderFen), Updates.set("movedFen", movedFen)))
                .getModifiedCount() == 1;
    }

    /** The item's effect is complete: its outcome, once. */
    public void done(String itemId, YearEndOutcome outcome, String note) {
        items.updateOne(Filters.and(Filters.eq("_id", itemId), Filters.eq("done", false)), Updates.combine(
                Updates.set("outcome", YearEndOutcome.PLANNED.moveTo(outcome).name()), Updates.set("note", note), Updates.set("done", true)));
    }

    public Optional<Item> item(String itemId) {
        return Optional.ofNullable(items.find(Filters.eq("_id", itemId)).first()).map(YearEndRepository::item);
    }

    public List<Item> items(int year) {
        List<Item> result = new ArrayList<>();
        for (Document d : items.find(Filters.eq("closeId", closeId(year))).sort(Sorts.ascending("orderId"))) {
            result.add(item(d));
        }
        return result;
    }

    private static Close close(Document d) {
        return new Close(d.getString("_id"), d.getInteger("year"), YearEndState.valueOf(d.getString("state")), d.getString("startedBy"),
                instant(d.getDate("startedAt")), d.getString("claimToken"), instant(d.getDate("claimedAt")),
                d.getString("closedBy"), instant(d.getDate("closedAt")));
    }

    private static Item item(Document d) {
        return new Item(d.getString("_id"), d.getString("closeId"), d.getString("orderId"), d.getString("measureCode"),
                d.getString("fromLine"), d.getString("toLine"), d.getString("rule"),
                YearEndKind.valueOf(d.getString("kind")), d.get("orderFen", Number.class).longValue(),
                d.get("movedFen", Number.class).longValue(), YearEndOutcome.valueOf(d.getString("outcome")),
                d.getString("note"), d.getBoolean("done", false));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
