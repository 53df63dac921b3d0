package org.susong.payments.application;

import org.susong.payments.domain.Allocation;
import org.susong.payments.domain.AllocationState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import org.susong.commons.ids.Hashes;
import org.susong.commons.ids.Ids;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.seed.Seeder;
import org.susong.commons.time.BusinessClock;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.Ledger;
import org.susong.payments.messaging.out.PaymentEvents;
import org.susong.payments.persistence.AllocationRepository;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * Budget lines: seeding the 2024-2026 lines, allocations and adjustments (journaled with who and why,
 * intent first like every movement), and the per-year and 2024-2026 reports against the C1 commitment.
 */
@ApplicationScoped
public class BudgetService implements Seeder {

    /** A line as reported, with the city and district shares where the measure has cost sharing. */
    public record LineView(String id, int year, String measureCode, long allocatedFen, long reservedFen, long disbursedFen,
                           long availableFen, long returnedFen, long receivableFen, boolean placeholder, String note,
                           Integer cityShareBasisPoints, Integer districtShareBasisPoints, Long cityAllocatedFen,
                           Long districtAllocatedFen) {
        static LineView of(BudgetLineRepository.Line l) {
            Long city = l.cityShareBasisPoints() == null ? null : l.allocatedFen() * l.cityShareBasisPoints() / 10_000;
            Long district = l.districtShareBasisPoints() == null ? null : l.allocatedFen() - city;
            return new LineView(l.id(), l.year(), l.measureCode(), l.allocatedFen(), l.reservedFen(), l.disbursedFen(),
                    l.availableFen(), l.returnedFen(), l.receivableFen(), l.placeholder(), l.note(), l.cityShareBasisPoints(),
                    l.districtShareBasisPoints(), city, district);
        }
    }

    public record Totals(long allocatedFen, long reservedFen, long disbursedFen, long availableFen, long returnedFen,
                         long receivableFen, long fiscalCommitmentFen, long allocatedShareOfCommitmentBasisPoints,
                         long disbursedShareOfCommitmentBasisPoints) {
    }

    public record YearReport(int year, List<LineView> lines, Totals totals) {
    }

    public record PeriodReport(int fromYear, int toYear, List<YearReport> years, Totals totals, String note) {
    }

    /** An Idempotency-Key used again for another request: 409 at the edge, nothing applied. */
    public static final class KeyReused extends RuntimeException {
        public KeyReused(String message) {
            super(message);
        }
    }

    /** A line movement the line refused (e.g. taking away more than is available): 409 at the edge. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final BudgetLineRepository lines;
    private final AllocationRepository allocations;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final PaymentsConfig config;

    BudgetService(BudgetLineRepository lines, AllocationRepository allocations, OutboxRelay relay, ObjectMapper json, Clock clock,
                  PaymentsConfig config) {
        this.lines = lines;
        this.allocations = allocations;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public SeedResult seed(String actor) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        try (InputStream in = BudgetService.class.getResourceAsStream("/seed/budget-lines.json")) {
            JsonNode seed = json.readTree(in);
            for (JsonNode line : seed.get("lines")) {
                for (JsonNode year : seed.get("years")) {
                    String measure = line.get("measureCode").asText();
                    String id = year.asInt() + ":" + measure;
                    JsonNode sharing = line.get("costSharing");
                    Integer city = sharing == null ? null : sharing.get("cityBasisPoints").asInt();
                    Integer district = sharing == null ? null : sharing.get("districtBasisPoints").asInt();
                    boolean inserted = lines.insert(id, year.asInt(), measure, line.get("placeholder").asBoolean(),
                            line.get("note").asText(), city, district, actor);
                    (inserted ? created : existing).add(id);
                    // the initial allocation is a journaled movement like any other (a repeat allocates nothing)
                    allocate("AL-" + id + "-initial", id, line.get("allocatedFen").asLong(),
                            "initial allocation (placeholder, seed/budget-lines.json)", actor);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the budget seed cannot be read", e);
        }
        return new SeedResult(created, existing);
    }

    /**
     * An adjustment by an administrator (issue 23): a positive amount adds to the line, a negative one takes from what is
     * available. Its id comes from the requester and the Idempotency-Key, so a retry finds the first one and applies
     * nothing again (the same key for another request is refused). Above {@code adjustment-dual-above-fen}, alone or with
     * what the requester moved alone on the line that business day, it waits, AWAITING_APPROVAL, for a second
     * administrator ({@link #approveAdjustment}), so splitting a large move does not avoid the second administrator.
     */
    public Allocation adjust(String lineId, long amountFen, String reason, String idempotencyKey, String user, String actor) {
        if (amountFen == 0) {
            throw new IllegalArgumentException("an adjustment moves a non-zero amount");
        }
        if (Math.abs(amountFen) > config.adjustmentMaxFen()) {
            throw new IllegalArgumentException("an adjustment moves at most " + config.adjustmentMaxFen() + " fen either way"
                    + " (adjustment-max-fen), not " + amountFen);
        }
        lines.find(lineId).orElseThrow(() -> new NoSuchElementException(lineId));
        String id = "AL-" + Hashes.sha256(user + "\n" + idempotencyKey).substring(0, 32);
        String request = Hashes.sha256(lineId + "\n" + amountFen + "\n" + reason);
        long limit = config.adjustmentDualAboveFen();
        // alone only within the limit counting what this requester moved alone on the line today (Asia/Shanghai): the
        // day's total is written before the intent (a crash in between over-counts, the safe side; a retry by the same
        // key counts nothing again), so two concurrent requests cannot both slip under; refused, it waits for approval
        boolean large = Math.abs(amountFen) > limit || allocations.find(id).isEmpty() && !allocations.countWithinDailyLimit(user,
                lineId, LocalDate.ofInstant(clock.instant(), BusinessClock.ZONE), id, Math.abs(amountFen), limit);
        Allocation intent = new Allocation(id, lineId, amountFen, reason, actor,
                large ? AllocationState.AWAITING_APPROVAL : AllocationState.PENDING, clock.instant(), 0, user, null, request);
        long started = System.nanoTime();
        boolean written = allocations.insert(intent);
        Allocation stored = allocations.find(id).orElseThrow();
        if (!request.equals(stored.requestHash())) {
            throw new KeyReused("Idempotency-Key " + idempotencyKey + " was used for another adjustment (" + stored.budgetLine()
                    + ", " + stored.amountFen() + " fen); nothing applied");
        }
        return written && !large ? finishOwn(id, started) : answer(stored);
    }

    /**
     * A second administrator approves a large adjustment: the requester cannot (compared by principal id), and an
     * adjustment is approved once (a conditional write from AWAITING_APPROVAL); then the line moves as for any other.
     */
    public Allocation approveAdjustment(String lineId, String id, String user) {
        Allocation a = allocations.find(id).filter(x -> x.budgetLine().equals(lineId))
                .orElseThrow(() -> new NoSuchElementException(id));
        if (a.state() != AllocationState.AWAITING_APPROVAL) {
            throw new Refused("adjustment " + id + " is " + a.state() + "; only one waiting for approval can be approved");
        }
        if (user.equals(a.requestedBy())) {
            throw new Refused("adjustment " + id + " was requested by " + user + "; a second, different administrator approves it");
        }
        long started = System.nanoTime();
        if (!allocations.approve(id, user, clock.instant())) {
            throw new Refused("adjustment " + id + " was approved or changed meanwhile");
        }
        return finishOwn(id, started);
    }

    /** Applies an intent its caller has just written, unless the write stalled for half the resume delay (then the resumer). */
    private Allocation finishOwn(String id, long started) {
        if (System.nanoTime() - started < config.resumeAfter().toNanos() / 2) {
            finish(allocations.find(id).orElseThrow());
        }
        return answer(allocations.find(id).orElseThrow());
    }

    private static Allocation answer(Allocation after) {
        if (after.state() == AllocationState.REFUSED) {
            throw new Refused("budget line " + after.budgetLine() + " has less available than the " + (-after.amountFen())
                    + " fen this adjustment takes away; nothing applied");
        }
        return after;
    }

    Allocation allocate(String id, String lineId, long amountFen, String reason, String actor) {
        long started = System.nanoTime();
        boolean written = allocations.insert(new Allocation(id, lineId, amountFen, reason, actor, AllocationState.PENDING,
                clock.instant(), 0));
        // only the writer of the intent applies it (the seed runs on every replica and again on every start); a
        // repeat, or a writer that stalled for half the resume delay, leaves it to its holder or to the one resumer
        // that claims it
        return written ? finishOwn(id, started) : answer(allocations.find(id).orElseThrow());
    }

    /** Finishes a PENDING allocation: the line moves (at most once), then the allocation records it. */
    void finish(Allocation a) {
        if (a.state() != AllocationState.PENDING) {
            return;
        }
        GuardedCounter.Outcome outcome = lines.allocate(a.budgetLine(), a.id(), a.amountFen());
        Instant now = clock.instant();
        if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
            JournalEntry entry = Ledger.allocation(a.id() + ":allocate", a.id(), a.budgetLine(), a.amountFen(), now, a.actor(),
                    a.reason());
            var outbox = Outbox.entries(json, a.lastSequence(), List.of(PaymentEvents.ledger(entry, a.actor(), a.id(),
                    a.budgetLine(), null)), now);
            if (allocations.decide(a.id(), AllocationState.APPLIED, entry, outbox, Date.from(now))) {
                relay.publishSoon(AllocationRepository.COLLECTION, a.id());
            }
            lines.forget(a.budgetLine(), a.id());
        } else {
            allocations.decide(a.id(), AllocationState.REFUSED, null, List.of(), Date.from(now));
        }
    }

    /** Finishes allocations a crash interrupted. */
    public void resumeAllocations() {
        Instant before = clock.instant().minus(config.resumeAfter());
        for (Allocation a : allocations.pending()) {
            if (a.createdAt().isBefore(before) && allocations.claim(a.id(), before, clock.instant())) {
                finish(a);
            }
        }
    }

    public YearReport year(int year) {
        List<LineView> views = lines.forYear(year).stream().map(LineView::of).toList();
        return new YearReport(year, views, totals(views));
    }

    /** 2024-2026: each year and the period, as shares of the C1 fiscal commitment (which also funds things outside the platform). */
    public PeriodReport period() {
        List<YearReport> years = List.of(year(2024), year(2025), year(2026));
        List<LineView> all = years.stream().flatMap(y -> y.lines().stream()).toList();
        return new PeriodReport(2024, 2026, years, totals(all), "C1 commits at least 30,000,000,000 CNY over 2024-2026 to fiscal"
                + " S&T funds, including labs, infrastructure and projects outside this platform: the shares are of that"
                + " commitment, not progress towards it. Line allocations are placeholders.");
    }

    public List<Allocation> allocations(String lineId) {
        lines.find(lineId).orElseThrow(() -> new NoSuchElementException(lineId));
        return allocations.forLine(lineId);
    }

    private Totals totals(List<LineView> views) {
        long allocated = views.stream().mapToLong(LineView::allocatedFen).sum();
        long disbursed = views.stream().mapToLong(LineView::disbursedFen).sum();
        return new Totals(allocated, views.stream().mapToLong(LineView::reservedFen).sum(), disbursed,
                views.stream().mapToLong(LineView::availableFen).sum(), views.stream().mapToLong(LineView::returnedFen).sum(),
                views.stream().mapToLong(LineView::receivableFen).sum(), config.fiscalCommitmentFen(),
                allocated * 10_000 / config.fiscalCommitmentFen(), disbursed * 10_000 / config.fiscalCommitmentFen());
    }
}
