package org.susong.payments.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.persistence.MongoErrors;

/**
 * Budget lines, one document per fiscal year x measure ({@code _id = "2026:B1"}). Amounts move only
 * through {@link GuardedCounter}: guarded (e.g. {@code availableFen >= amount}), at most once per intent.
 * Lines carry no events (a hot document must stay small): the documents that move them do, with the
 * journal entry of each movement. Invariant: allocated = available + reserved + disbursed + receivable.
 */
@ApplicationScoped
public class BudgetLineRepository {

    public static final String COLLECTION = "budget_lines";

    /** A line; {@code cityShareBasisPoints}/{@code districtShareBasisPoints} are null where the measure has no sharing. */
    public record Line(String id, int year, String measureCode, long allocatedFen, long reservedFen, long disbursedFen,
                       long availableFen, long returnedFen, long receivableFen, boolean placeholder, String note,
                       Integer cityShareBasisPoints, Integer districtShareBasisPoints, List<String> inFlight) {
    }

    private final MongoCollection<Document> lines;

    BudgetLineRepository(MongoDatabase database) {
        this.lines = database.getCollection(COLLECTION);
    }

    /** A new line with nothing allocated yet (allocations are journaled movements); false when it exists. */
    public boolean insert(String id, int year, String measureCode, boolean placeholder, String note, Integer cityShare,
                          Integer districtShare, String actor) {
        return MongoErrors.insertIfAbsent(lines, new Document("_id", id).append("year", year).append("measureCode", measureCode)
                .append("allocatedFen", 0L).append("reservedFen", 0L).append("disbursedFen", 0L).append("availableFen", 0L)
                .append("returnedFen", 0L).append("receivableFen", 0L).append("placeholder", placeholder).append("note", note)
                .append("cityShareBasisPoints", cityShare).append("districtShareBasisPoints", districtShare)
                .append("createdBy", actor).append(GuardedCounter.APPLIED, List.of()));
    }

    /** Adds (positive) or removes (negative, never below available) an allocation, at most once per intent. */
    public GuardedCounter.Outcome allocate(String lineId, String intentId, long signedFen) {
        Bson guard = signedFen >= 0 ? Filters.exists("_id") : Filters.gte("availableFen", -signedFen);
        return GuardedCounter.apply(lines, lineId, intentId, guard,
                Updates.combine(Updates.inc("allocatedFen", signedFen), Updates.inc("availableFen", signedFen)));
    }

    /** Reserves the amount for the order if available allows; at most once per order. */
    public GuardedCounter.Outcome reserve(String lineId, String orderId, long amountFen) {
        return move(lineId, orderId, "availableFen", "reservedFen", amountFen);
    }

    /** The field of a line that holds what a call's envelope has not yet given to its awards' orders (issue 19). */
    public static String envelopeField(String callId) {
        return "envelopes." + callId;
    }

    /**
     * Reserves a call's envelope (issue 19, C1 competitive allocation): available to reserved, at most once per call (intent
     * {@code <callId>:envelope}), guarded on available covering it; the line also keeps the undrawn part of the
     * envelope ({@code envelopes.<callId>}) that the call's awards' orders draw from ({@link #draw}).
     */
    public GuardedCounter.Outcome reserveEnvelope(String lineId, String callId, long envelopeFen) {
        return GuardedCounter.apply(lines, lineId, callId + ":envelope", Filters.gte("availableFen", envelopeFen),
                Updates.combine(Updates.inc("availableFen", -envelopeFen), Updates.inc("reservedFen", envelopeFen),
                        Updates.inc(envelopeField(callId), envelopeFen)));
    }

    /**
     * An award's order takes its reservation from its call's envelope instead of from available: the money is reserved
     * already, so only the envelope's undrawn part falls. The intent id is the order's own, as for {@link #reserve}, so an
     * order is reserved once whichever way (a redelivery or the resumer sees it applied). REFUSED when the envelope has
     * less undrawn (closed, given back, or never reserved on this line): the order then reserves on the line as any other.
     */
    public GuardedCounter.Outcome draw(String lineId, String callId, String orderId, long amountFen) {
        // the order's id and a draw marker in the same write: a retry tells a draw (ALREADY_APPLIED) from a reservation
        // on the line under the same id (REFUSED here, so the caller's reserve answers ALREADY_APPLIED and journals it
        // as the reservation it was)
        Bson filter = Filters.and(Filters.eq("_id", lineId), Filters.ne(GuardedCounter.APPLIED, orderId),
                Filters.gte(envelopeField(callId), amountFen));
        if (lines.updateOne(filter, Updates.combine(Updates.inc(envelopeField(callId), -amountFen),
                Updates.addEachToSet(GuardedCounter.APPLIED, List.of(orderId, drawMarker(orderId))))).getModifiedCount() == 1) {
            return GuardedCounter.Outcome.APPLIED;
        }
        Document line = lines.find(Filters.eq("_id", lineId)).first();
        if (line == null) {
            return GuardedCounter.Outcome.NO_COUNTER;
        }
        return line.getList(GuardedCounter.APPLIED, String.class, List.of()).contains(drawMarker(orderId))
                ? GuardedCounter.Outcome.ALREADY_APPLIED : GuardedCounter.Outcome.REFUSED;
    }

    /** The intent ids a draw records: the order's own and its draw marker, forgotten together once the order moved. */
    public static List<String> drawIntents(String orderId) {
        return List.of(orderId, drawMarker(orderId));
    }

    private static String drawMarker(String orderId) {
        return orderId + ":draw";
    }

    /**
     * Gives a closed call's undrawn envelope back (reserved to available), at most once ({@code <callId>:envelope:release}):
     * one update guarded on the undrawn amount it read, so a draw in between makes it read again and no draw can follow it
     * (the undrawn part becomes 0). The amount given back is kept on the line ({@code envelopeReleases.<callId>}), so a
     * retry after a crash learns what the first one moved.
     *
     * @return the fen given back (0 when nothing was undrawn), or -1 when the line has no such envelope
     */
    public long releaseEnvelope(String lineId, String callId) {
        String intent = callId + ":envelope:release";
        for (int attempt = 0; attempt < 100; attempt++) {
            Document line = lines.find(Filters.eq("_id", lineId)).first();
            if (line == null) {
                return -1;
            }
            Document released = line.get("envelopeReleases", Document.class);
            if (line.getList(GuardedCounter.APPLIED, String.class, List.of()).contains(intent)) {
                return released == null || released.get(callId) == null ? 0 : released.get(callId, Number.class).longValue();
            }
            Document envelopes = line.get("envelopes", Document.class);
            if (envelopes == null || envelopes.get(callId) == null) {
                return -1;
            }
            long undrawn = envelopes.get(callId, Number.class).longValue();
            if (lines.updateOne(Filters.and(Filters.eq("_id", lineId), Filters.ne(GuardedCounter.APPLIED, intent),
                    Filters.eq(envelopeField(callId), undrawn)), Updates.combine(Updates.inc("reservedFen", -undrawn),
                    Updates.inc("availableFen", undrawn), Updates.set(envelopeField(callId), 0L),
                    Updates.set("envelopeReleases." + callId, undrawn), Updates.addToSet(GuardedCounter.APPLIED, intent)))
                    .getModifiedCount() == 1) {
                return undrawn;
            }
        }
        throw new IllegalStateException("the envelope of call " + callId + " on " + lineId + " kept changing");
    }

    /** Returns a reservation to available. */
    public GuardedCounter.Outcome release(String lineId, String orderId, long amountFen) {
        return move(lineId, orderId + ":release", "reservedFen", "availableFen", amountFen);
    }

    /** Moves a settled order's amount from reserved to disbursed, at most once. */
    public GuardedCounter.Outcome disburse(String lineId, String orderId, long amountFen) {
        return move(lineId, orderId + ":settle", "reservedFen", "disbursedFen", amountFen);
    }

    /**
     * A bulk round's reservations on one line (issue 14): the sum of the orders' amounts moves from available to reserved
     * in one update, guarded like {@link #reserve} for each of them (available covers the sum, none of the orders' ids is
     * recorded yet), and records every id in the same write, so a resumer tells applied from not applied per order.
     *
     * @return false when the guard refused: nothing moved, each order then goes alone through {@link #reserve}
     */
    public boolean reserveAll(String lineId, Map<String, Long> fenByOrder) {
        return moveAll(lineId, fenByOrder, "", "availableFen", "reservedFen");
    }

    /**
     * A bulk round's disbursements on one line (issue 14): the sum of the orders' amounts moves from reserved to disbursed
     * in one update, guarded like {@link #disburse} for each of them (reserved covers the sum, and none of the orders'
     * own intent ids {@code <order>:settle} is recorded yet), and records every one of those ids in the same write,
     * so a resumer tells applied from not applied per order, exactly as after {@link #disburse}.
     *
     * @return false when the guard refused (an order already applied, not enough reserved, no line): nothing moved,
     *         each order then goes alone through {@link #disburse}
     */
    public boolean disburseAll(String lineId, Map<String, Long> fenByOrder) {
        return moveAll(lineId, fenByOrder, ":settle", "reservedFen", "disbursedFen");
    }

    private boolean moveAll(String lineId, Map<String, Long> fenByOrder, String suffix, String from, String to) {
        List<String> intents = new ArrayList<>();
        long sum = 0;
        for (Map.Entry<String, Long> e : fenByOrder.entrySet()) {
            if (e.getValue() <= 0) {
                throw new IllegalArgumentException("a line movement needs a positive amount, not " + e.getValue());
            }
            intents.add(e.getKey() + suffix);
            sum += e.getValue();
        }
        Bson filter = Filters.and(Filters.eq("_id", lineId), Filters.nin(GuardedCounter.APPLIED, intents),
                Filters.gte(from, sum));
        return lines.updateOne(filter, Updates.combine(Updates.inc(from, -sum), Updates.inc(to, sum),
                Updates.addEachToSet(GuardedCounter.APPLIED, intents))).getModifiedCount() == 1;
    }

    /** Forgets the reservation ids of reserved orders (their orders record the movement now). */
    public void forgetReserved(String lineId, List<String> orderIds) {
        forgetAll(lineId, orderIds, "");
    }

    /** Forgets the disbursement intent ids of settled orders (their orders record the movement now). */
    public void forgetDisbursed(String lineId, List<String> orderIds) {
        forgetAll(lineId, orderIds, ":settle");
    }

    private void forgetAll(String lineId, List<String> orderIds, String suffix) {
        if (!orderIds.isEmpty()) {
            lines.updateOne(Filters.eq("_id", lineId), Updates.pullAll(GuardedCounter.APPLIED,
                    orderIds.stream().map(id -> id + suffix).toList()));
        }
    }

    /** Money the bank returned goes back to available (and is counted as returned). */
    public GuardedCounter.Outcome returned(String lineId, String orderId, long amountFen) {
        return GuardedCounter.apply(lines, lineId, orderId + ":return", Filters.gte("disbursedFen", amountFen),
                Updates.combine(Updates.inc("disbursedFen", -amountFen), Updates.inc("availableFen", amountFen),
                        Updates.inc("returnedFen", amountFen)));
    }

    /**
     * A year-end carry-over leaves the closing line: its reservation and its appropriation fall by the order's amount,
     * at most once per intent ({@code <order>:carry-out:<year>}), guarded on the reservation being there.
     */
    public GuardedCounter.Outcome carryOut(String lineId, String intentId, long amountFen) {
        return GuardedCounter.apply(lines, lineId, intentId, Filters.gte("reservedFen", amountFen),
                Updates.combine(Updates.inc("reservedFen", -amountFen), Updates.inc("allocatedFen", -amountFen)));
    }

    /** A year-end carry-over arrives on the next year's line: appropriated and reserved at once, at most once per intent. */
    public GuardedCounter.Outcome carryIn(String lineId, String intentId, long amountFen) {
        return GuardedCounter.apply(lines, lineId, intentId, Filters.exists("_id"),
                Updates.combine(Updates.inc("reservedFen", amountFen), Updates.inc("allocatedFen", amountFen)));
    }

    /** A recovery turns disbursed money into a receivable. */
    public GuardedCounter.Outcome openRecovery(String lineId, String recoveryId, long amountFen) {
        return move(lineId, recoveryId + ":open", "disbursedFen", "receivableFen", amountFen);
    }

    /** A repayment (or an offset) brings receivable money back to available. */
    public GuardedCounter.Outcome repay(String lineId, String intentId, long amountFen) {
        return move(lineId, intentId, "receivableFen", "availableFen", amountFen);
    }

    /**
     * An offset undone (issue 20 item 3): the payment it was withheld from came back from the bank, so the money is owed
     * again: available back to receivable, at most once per intent, guarded on the line's available.
     */
    public GuardedCounter.Outcome unrepay(String lineId, String intentId, long amountFen) {
        return move(lineId, intentId, "availableFen", "receivableFen", amountFen);
    }

    private GuardedCounter.Outcome move(String lineId, String intentId, String from, String to, long amountFen) {
        if (amountFen <= 0) {
            throw new IllegalArgumentException("a line movement needs a positive amount, not " + amountFen);
        }
        return GuardedCounter.apply(lines, lineId, intentId, Filters.gte(from, amountFen),
                Updates.combine(Updates.inc(from, -amountFen), Updates.inc(to, amountFen)));
    }

    public void forget(String lineId, String intentId) {
        GuardedCounter.forget(lines, lineId, intentId);
    }

    public Optional<Line> find(String id) {
        return Optional.ofNullable(lines.find(Filters.eq("_id", id)).first()).map(BudgetLineRepository::line);
    }

    public List<Line> forYear(int year) {
        return list(Filters.eq("year", year));
    }

    public List<Line> all() {
        return list(Filters.exists("_id"));
    }

    private List<Line> list(Bson filter) {
        List<Line> result = new ArrayList<>();
        for (Document d : lines.find(filter).sort(Sorts.ascending("_id"))) {
            result.add(line(d));
        }
        return result;
    }

    private static Line line(Document d) {
        return new Line(d.getString("_id"), d.getInteger("year"), d.getString("measureCode"), fen(d, "allocatedFen"),
                fen(d, "reservedFen"), fen(d, "disbursedFen"), fen(d, "availableFen"), fen(d, "returnedFen"),
                fen(d, "receivableFen"), d.getBoolean("placeholder", false), d.getString("note"),
                d.getInteger("cityShareBasisPoints"), d.getInteger("districtShareBasisPoints"),
                d.getList(GuardedCounter.APPLIED, String.class, List.of()));
    }

    private static long fen(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }
}
