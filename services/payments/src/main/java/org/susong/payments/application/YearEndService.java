package org.susong.payments.application;

import org.susong.payments.domain.ReleaseReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.time.BusinessClock;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.config.PaymentsConfig.YearEnd;
import org.susong.payments.domain.YearEndKind;
import org.susong.payments.domain.YearEndOutcome;
import org.susong.payments.domain.YearEndState;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.Ledger;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.YearEndRepository;
import org.susong.payments.persistence.YearEndRepository.Item;

/**
 * The year-end close of a fiscal year (issue 20 item 1), the one place a year's unpaid orders lapse or are carried over.
 * Per measure a configured rule ({@link PaymentsConfig#yearEndRule}) says what happens to the closed year's waitlisted
 * orders, reservations (in notice, awaiting approval, on hold) and unpaid orders (approved, awaiting the payee):
 * CARRY_OVER charges them to the next year's line of the measure (a reservation moves between the lines as two journal
 * entries, kind CARRY_OVER: the closing line's appropriation and reservation fall, the next line's rise; a waitlisted
 * order holds no money and joins the next line's waitlist), LAPSE releases them (WAITLIST_LAPSED, YEAR_END_LAPSED).
 * Orders in a bank file stay charged to the closed year unless {@code in-bank-files-charged-to} is NEXT_YEAR.
 * <p>
 * Intent first (architecture rule 4, docs/architecture.md#rule-4): the close (RUNNING) is written first, then one item per order (planned), then
 * per order: the item records the money its move takes, the order moves in one conditional write (on its version,
 * with its journal entries), then each line moves by a guarded update that records the intent id
 * ({@code <order>:carry-out:<year>}, {@code <order>:carry-in:<year>}), then the item is done and the ids are forgotten.
 * A crash anywhere leaves a RUNNING close: running the close again (or the processor's resumer, once the runner's claim
 * is older than {@code resume-after}) finishes every item not done exactly once, and only then the year is CLOSED;
 * a closed year is never closed again.
 */
@ApplicationScoped
public class YearEndService {

    private static final Logger LOG = Logger.getLogger(YearEndService.class);
    /** The states a close plans: waitlisted, holding a reservation, in a bank file. */
    static final Set<OrderState> PLANNED = EnumSet.of(OrderState.WAITLISTED, OrderState.IN_NOTICE, OrderState.AWAITING_APPROVAL,
            OrderState.ON_HOLD, OrderState.APPROVED, OrderState.AWAITING_PAYEE, OrderState.BATCHED, OrderState.INSTRUCTED);
    private static final int ATTEMPTS = 20;

    /** The year was closed already: 409, with its report. */
    public static final class AlreadyClosed extends RuntimeException {
        private final transient Report report;

        AlreadyClosed(Report report) {
            super("fiscal year " + report.year() + " was closed at " + report.closedAt() + " by " + report.closedBy()
                    + "; a year is closed once (its report: GET /budgets/" + report.year() + "/close)");
            this.report = report;
        }

        public Report report() {
            return report;
        }
    }

    /** The close cannot run now (the year is not over, a next year's line is missing, another runner holds it): 409. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** What the close did with one order. */
    public record ItemView(String orderId, String kind, long orderFen, long movedFen, String outcome, String note) {
    }

    /**
     * One line of the closed year: its rule, the line it carries into, and in fen what was carried over (reservations
     * moved between the lines; waitlisted orders, which hold no money, apart), lapsed (released: reservations back to the
     * closed line's available; waitlisted orders), left in bank files (charged to the closed year), and what is
     * available on the closed line now (unspent: it stays on the closed line, carried nowhere).
     */
    public record LineReport(String line, String measureCode, String rule, String carriedInto, int carriedOverOrders,
                             long carriedOverFen, int carriedOverWaitlistedOrders, long carriedOverWaitlistedFen,
                             int lapsedOrders, long releasedFen, int lapsedWaitlistedOrders, long lapsedWaitlistedFen,
                             int leftInBankFilesOrders, long leftInBankFilesFen, int skippedOrders, long unspentFen,
                             List<ItemView> orders) {
    }

    public record Totals(long carriedOverFen, long carriedOverWaitlistedFen, long releasedFen, long lapsedWaitlistedFen,
                         long leftInBankFilesFen, long unspentFen) {
    }

    /** The close's report: RUNNING while it is not finished, CLOSED after. */
    public record Report(int year, String state, String startedBy, Instant startedAt, String closedBy, Instant closedAt,
                         String inBankFilesChargedTo, List<LineReport> lines, Totals totals) {
    }

    private final YearEndRepository closes;
    private final OrderRepository orders;
    private final BudgetLineRepository lines;
    private final OrderMoves moves;
    private final OrderService orderService;
    private final PaymentsConfig config;
    private final Clock clock;

    YearEndService(YearEndRepository closes, OrderRepository orders, BudgetLineRepository lines, OrderMoves moves,
                   OrderService orderService, PaymentsConfig config, Clock clock) {
        this.closes = closes;
        this.orders = orders;
        this.lines = lines;
        this.moves = moves;
        this.orderService = orderService;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Closes a fiscal year that is over (the business date, Asia/Shanghai, is in a later year): once. A close that a
     * crash interrupted is finished by running it again; a closed year is refused ({@link AlreadyClosed}).
     *
     * @throws NoSuchElementException the year has no budget lines
     */
    public Report close(int year, String actor) {
        Optional<YearEndRepository.Close> existing = closes.find(year);
        if (existing.isPresent() && existing.get().state() == YearEndState.CLOSED) {
            throw new AlreadyClosed(report(year).orElseThrow());
        }
        List<BudgetLineRepository.Line> yearLines = lines.forYear(year);
        if (yearLines.isEmpty()) {
            throw new NoSuchElementException("fiscal year " + year);
        }
        int today = LocalDate.now(clock.withZone(BusinessClock.ZONE)).getYear();
        if (year >= today) {
            throw new Refused("fiscal year " + year + " is not over: the business date is in " + today
                    + "; a year is closed from its next year on");
        }
        if (existing.isEmpty()) {
            // years close in order, so nothing is ever carried into a closed year
            if (!lines.forYear(year - 1).isEmpty() && !closes.find(year - 1).map(c -> c.state() == YearEndState.CLOSED)
                    .orElse(false)) {
                throw new Refused("fiscal year " + (year - 1) + " is not closed yet: years are closed in order (POST /budgets/"
                        + (year - 1) + "/close first)");
            }
            List<String> missing = yearLines.stream().filter(l -> YearEnd.CARRY_OVER.equals(config.yearEndRule(l.measureCode())))
                    .map(l -> next(l.id(), year)).filter(id -> lines.find(id).isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw new Refused("the measures of " + missing + " carry over at year-end, but " + (year + 1) + " has no such"
                        + " line; nothing closed");
            }
            closes.start(year, actor, clock.instant());
        }
        String token = UUID.randomUUID().toString();
        if (!closes.claim(year, token, clock.instant().minus(config.resumeAfter()), clock.instant(), true)) {
            if (closes.find(year).map(c -> c.state() == YearEndState.CLOSED).orElse(false)) {
                throw new AlreadyClosed(report(year).orElseThrow());
            }
            throw new Refused("the close of fiscal year " + year + " is running (claimed by another request); once its claim is"
                    + " older than " + config.resumeAfter() + " it can be taken over");
        }
        try {
            run(year, yearLines, token, actor);
        } catch (Refused e) {
            closes.release(year, token); // stopped before the end (e.g. orders being reserved): a retry goes on at once
            throw e;
        }
        return report(year).orElseThrow();
    }

    /** Finishes RUNNING closes whose runner died (claim older than {@code resume-after}); a processor step. */
    public void resumeCloses() {
        for (YearEndRepository.Close c : closes.running()) {
            String token = UUID.randomUUID().toString();
            if (closes.claim(c.year(), token, clock.instant().minus(config.resumeAfter()), clock.instant(), false)) {
                LOG.warnf("resuming the year-end close of %d left running (started by %s at %s)", c.year(), c.startedBy(),
                        c.startedAt());
                run(c.year(), lines.forYear(c.year()), token, OrderMoves.SYSTEM);
            }
        }
    }

    private void run(int year, List<BudgetLineRepository.Line> yearLines, String token, String actor) {
        String closeId = YearEndRepository.closeId(year);
        List<String> lineIds = yearLines.stream().map(BudgetLineRepository.Line::id).toList();
        // an order being reserved at the close would become reserved on the closed line after its plan: waited for
        for (int attempt = 1; !orders.onLinesInStates(lineIds, EnumSet.of(OrderState.RESERVING)).isEmpty(); attempt++) {
            if (attempt == ATTEMPTS) {
                throw new Refused("orders of " + year + " are being reserved; close again in a moment (the close is kept"
                        + " RUNNING and goes on from where it is)");
            }
            pause();
        }
        for (OrderRepository.Stored s : orders.onLinesInStates(lineIds, PLANNED)) {
            PaymentOrder o = s.order();
            String rule = config.yearEndRule(o.measureCode());
            closes.plan(new Item(itemId(year, o.id()), closeId, o.id(), o.measureCode(), o.budgetLineId(),
                    next(o.budgetLineId(), year), rule, YearEndKind.of(o.state()), o.amount().fen(), 0, YearEndOutcome.PLANNED, null, false));
        }
        // waitlisted orders first: a lapsed reservation frees money on its line, which must not serve them meanwhile
        List<Item> planned = new ArrayList<>(closes.items(year));
        planned.sort(java.util.Comparator.comparing((Item i) -> i.kind() != YearEndKind.WAITLISTED));
        for (Item item : planned) {
            if (item.done()) {
                continue;
            }
            // fenced before each order's effects: a runner that lost its claim (it stalled past resume-after) stops
            if (!closes.renew(year, token, clock.instant())) {
                throw new Refused("the close of " + year + " was taken over by another runner; its report says how far it is");
            }
            if (YearEnd.CARRY_OVER.equals(item.rule())) {
                carryOver(item, year, actor);
            } else {
                lapse(item, year, actor);
            }
        }
        if (!closes.closed(year, token, actor, clock.instant())) {
            throw new Refused("the close of " + year + " was taken over by another runner before it finished");
        }
    }

    private void carryOver(Item item, int year, String actor) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            OrderRepository.Stored stored = orders.find(item.orderId()).orElseThrow();
            PaymentOrder o = stored.order();
            if (o.chargedToYear() == year + 1) {
                // moved (by this runner or one that crashed after the order's write): the lines follow, at most once each
                Item intended = closes.item(item.id()).orElseThrow();
                moveLines(intended, year);
                closes.done(item.id(), YearEndOutcome.CARRIED_OVER, null);
                forget(intended, year);
                return;
            }
            if (o.state() == OrderState.RESERVING) {
                pause(); // a waitlist's serve claimed it: its reservation on the closed line decides what is carried
                continue;
            }
            if (o.chargedToYear() == year && (o.state() == OrderState.BATCHED || o.state() == OrderState.INSTRUCTED)
                    && !YearEnd.NEXT_YEAR.equals(config.yearEnd().inBankFilesChargedTo())) {
                // a January payment for a December award already in a bank file: the award's year pays it (AWARD_YEAR)
                closes.intend(item.id(), YearEndKind.of(o.state()), o.amount().fen(), 0);
                closes.done(item.id(), YearEndOutcome.LEFT, "in a bank file: charged to " + o.budgetLineId());
                return;
            }
            if (o.chargedToYear() != year || !carriable(o.state())) {
                closes.done(item.id(), YearEndOutcome.SKIPPED, "the order is " + o.state() + " on " + o.budgetLineId() + " now");
                return;
            }
            long fen = o.state() == OrderState.WAITLISTED ? 0 : o.amount().fen();
            // the money the move takes, recorded before the order moves (a retry after the move uses exactly this)
            closes.intend(item.id(), YearEndKind.of(o.state()), o.amount().fen(), fen);
            Instant now = clock.instant();
            String reason = "year-end " + year + ": carried over into " + next(o.budgetLineId(), year);
            JournalEntry out = fen == 0 ? null : Ledger.carryOut(o.id(), year, o.budgetLineId(), fen, now, actor, reason);
            JournalEntry in = fen == 0 ? null : Ledger.carryIn(o.id(), year, next(o.budgetLineId(), year), fen, now, actor,
                    reason);
            if (moves.move(stored, o.carriedOver(year + 1, out, in), actor, YearEndRepository.closeId(year))) {
                Item intended = closes.item(item.id()).orElseThrow();
                moveLines(intended, year);
                closes.done(item.id(), YearEndOutcome.CARRIED_OVER, null);
                forget(intended, year);
                return;
            }
            // another writer moved the order between the read and the write: read it again
        }
        throw new Refused("order " + item.orderId() + " kept moving while the close carried it over; close again");
    }

    /** The lines of a carried reservation, each at most once (its intent id stays on the line until the item is done). */
    private void moveLines(Item item, int year) {
        if (item.movedFen() == 0) {
            return;
        }
        GuardedCounter.Outcome out = lines.carryOut(item.fromLine(), item.orderId() + ":carry-out:" + year, item.movedFen());
        GuardedCounter.Outcome in = lines.carryIn(item.toLine(), item.orderId() + ":carry-in:" + year, item.movedFen());
        if (!applied(out) || !applied(in)) {
            LOG.errorf("year-end %d: the lines refused the carry-over of order %s (%s %s, %s %s): the lines and the order"
                    + " disagree", year, item.orderId(), item.fromLine(), out, item.toLine(), in);
            throw new IllegalStateException("the lines refused the carry-over of " + item.orderId());
        }
    }

    private void forget(Item item, int year) {
        if (item.movedFen() > 0) {
            lines.forget(item.fromLine(), item.orderId() + ":carry-out:" + year);
            lines.forget(item.toLine(), item.orderId() + ":carry-in:" + year);
        }
    }

    private static boolean applied(GuardedCounter.Outcome outcome) {
        return outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED;
    }

    private void lapse(Item item, int year, String actor) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            OrderRepository.Stored stored = orders.find(item.orderId()).orElseThrow();
            PaymentOrder o = stored.order();
            if (o.chargedToYear() != year) {
                closes.done(item.id(), YearEndOutcome.SKIPPED, "the order is charged to " + o.budgetLineId() + " now");
                return;
            }
            if ((o.state() == OrderState.RELEASING || o.state() == OrderState.RELEASED) && lapsed(o.releaseReason())) {
                // released by this close before a crash (the resumer finishes a RELEASING one)
                closes.done(item.id(), YearEndOutcome.LAPSED, null);
                return;
            }
            if (o.state() == OrderState.RESERVING) {
                pause();
                continue;
            }
            if (o.state() == OrderState.BATCHED || o.state() == OrderState.INSTRUCTED) {
                closes.intend(item.id(), YearEndKind.of(o.state()), o.amount().fen(), 0);
                closes.done(item.id(), YearEndOutcome.LEFT, "in a bank file: charged to " + o.budgetLineId());
                return;
            }
            if (!OrderState.RELEASABLE.contains(o.state())) {
                closes.done(item.id(), YearEndOutcome.SKIPPED, "the order is " + o.state() + " now");
                return;
            }
            long fen = o.state() == OrderState.WAITLISTED ? 0 : o.amount().fen();
            closes.intend(item.id(), YearEndKind.of(o.state()), o.amount().fen(), fen);
            ReleaseReason reason = o.state() == OrderState.WAITLISTED ? ReleaseReason.WAITLIST_LAPSED
                    : ReleaseReason.YEAR_END_LAPSED;
            if (orderService.startRelease(stored, reason, actor, YearEndRepository.closeId(year))) {
                closes.done(item.id(), YearEndOutcome.LAPSED, null);
                return;
            }
        }
        throw new Refused("order " + item.orderId() + " kept moving while the close lapsed it; close again");
    }

    private static boolean lapsed(ReleaseReason reason) {
        return ReleaseReason.LAPSES.contains(reason);
    }

    private static boolean carriable(OrderState state) {
        return PLANNED.contains(state);
    }

    private static String itemId(int year, String orderId) {
        return YearEndRepository.closeId(year) + ":" + orderId;
    }

    private static String next(String lineId, int year) {
        return (year + 1) + lineId.substring(lineId.indexOf(':'));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    /** The report of a year's close (running or closed); empty when the year was never closed. */
    public Optional<Report> report(int year) {
        Optional<YearEndRepository.Close> close = closes.find(year);
        if (close.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Item>> byLine = new LinkedHashMap<>();
        for (Item i : closes.items(year)) {
            byLine.computeIfAbsent(i.fromLine(), l -> new ArrayList<>()).add(i);
        }
        List<LineReport> reports = new ArrayList<>();
        long[] t = new long[6];
        for (BudgetLineRepository.Line line : lines.forYear(year)) {
            List<Item> items = byLine.getOrDefault(line.id(), List.of());
            String rule = config.yearEndRule(line.measureCode());
            int co = 0, cow = 0, la = 0, law = 0, left = 0, skipped = 0;
            long coFen = 0, cowFen = 0, released = 0, lawFen = 0, leftFen = 0;
            for (Item i : items) {
                boolean waitlisted = i.kind() == YearEndKind.WAITLISTED;
                switch (i.outcome()) {
                    case CARRIED_OVER -> {
                        if (waitlisted) {
                            cow++;
                            cowFen += i.orderFen();
                        } else {
                            co++;
                            coFen += i.movedFen();
                        }
                    }
                    case LAPSED -> {
                        if (waitlisted) {
                            law++;
                            lawFen += i.orderFen();
                        } else {
                            la++;
                            released += i.movedFen();
                        }
                    }
                    case LEFT -> {
                        left++;
                        leftFen += i.orderFen();
                    }
                    case SKIPPED -> skipped++;
                    default -> { } // PLANNED: a running close
                }
            }
            reports.add(new LineReport(line.id(), line.measureCode(), items.isEmpty() ? rule : items.get(0).rule(),
                    YearEnd.CARRY_OVER.equals(rule) ? next(line.id(), year) : null, co, coFen, cow, cowFen, la, released, law,
                    lawFen, left, leftFen, skipped, line.availableFen(), items.stream().map(i -> new ItemView(i.orderId(),
                    i.kind().name(), i.orderFen(), i.movedFen(), i.outcome().name(), i.note())).toList()));
            t[0] += coFen;
            t[1] += cowFen;
            t[2] += released;
            t[3] += lawFen;
            t[4] += leftFen;
            t[5] += line.availableFen();
        }
        YearEndRepository.Close c = close.get();
        return Optional.of(new Report(year, c.state().name(), c.startedBy(), c.startedAt(), c.closedBy(), c.closedAt(),
                config.yearEnd().inBankFilesChargedTo(), reports, new Totals(t[0], t[1], t[2], t[3], t[4], t[5])));
    }
}
