package org.susong.payments.application;

import static org.susong.payments.domain.ReconciliationOutcome.ALREADY_BOOKED;
import static org.susong.payments.domain.ReconciliationOutcome.AMOUNT_MISMATCH;
import static org.susong.payments.domain.ReconciliationOutcome.DUPLICATE_PAYMENT;
import static org.susong.payments.domain.ReconciliationOutcome.IGNORED;
import static org.susong.payments.domain.ReconciliationOutcome.NO_REFERENCE;
import static org.susong.payments.domain.ReconciliationOutcome.OTHER_FILE;
import static org.susong.payments.domain.ReconciliationOutcome.REOPENED;
import static org.susong.payments.domain.ReconciliationOutcome.RETURNED;
import static org.susong.payments.domain.ReconciliationOutcome.SETTLED;
import static org.susong.payments.domain.ReconciliationOutcome.STALE;
import static org.susong.payments.domain.ReconciliationOutcome.UNMATCHED;

import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.BankFile;
import org.susong.payments.domain.BankFileItem;
import org.susong.payments.domain.BankTransactionStatus;
import org.susong.payments.domain.ReconciliationOutcome;
import org.susong.payments.domain.Batch;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.susong.commons.ids.Hashes;
import org.susong.payments.domain.Instruction;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BatchRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.StatementRepository;

/**
 * Reconciliation of the bank's files with the orders. camt.053: a debit (one per transfer, or one
 * batch booking whose transaction details name each transfer by EndToEndId) settles the instructed
 * order it matches; a credit naming an EndToEndId is a return: the order is reopened as RETURNED and
 * its money goes back to the line. pain.002: a rejected transaction reopens its order (back to
 * APPROVED, into the next batch). A file is matched to the batch it names (pain.002 original MsgId,
 * camt.053 TxDtls/Refs/MsgId), never to whatever the order is in now: a late report about a voided
 * file is STALE, a debit from it a DUPLICATE_PAYMENT to report. Anything unmatched is kept in the
 * file's reconciliation report.
 * Importing the same file again changes nothing; each order step is a conditional transition.
 */
@ApplicationScoped
public class ReconciliationService {

    private static final Logger LOG = Logger.getLogger(ReconciliationService.class);
    /** The paying account's currency. */
    static final String CURRENCY = "CNY";

    /** A file that matches no payment order at all (422 at the edge, nothing recorded). */
    public static final class NothingMatched extends RuntimeException {
        public NothingMatched(String message) {
            super(message);
        }
    }

    /** A statement of another account than the paying one, or in another currency (422 naming the field, nothing applied). */
    public static final class NotOurStatement extends RuntimeException {
        private final String field;

        public NotOurStatement(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Another file was imported under the same message id (409 at the edge). */
    public static final class DifferentFile extends RuntimeException {
        public DifferentFile(String message) {
            super(message);
        }
    }

    private final BankFiles files;
    private final StatementRepository statements;
    private final OrderRepository orders;
    private final OrderService service;
    private final OrderMoves moves;
    private final BatchRepository batches;
    private final Clock clock;
    private final PaymentsConfig config;

    ReconciliationService(BankFiles files, StatementRepository statements, OrderRepository orders, OrderService service,
                          OrderMoves moves, BatchRepository batches, Clock clock, PaymentsConfig config) {
        this.config = config;
        this.batches = batches;
        this.files = files;
        this.statements = statements;
        this.orders = orders;
        this.service = service;
        this.moves = moves;
        this.clock = clock;
    }

    /**
     * Reconciles a camt.053 file: every statement in it, each of which must be of the paying account and in CNY (else
     * nothing of the file is applied). Throws {@link BankFiles.MalformedFile} for a file that is not one.
     */
    public BankFile importStatement(byte[] xml, String actor) {
        return importStatement(xml, actor, false);
    }

    /**
     * The processor's round takes a statement (the bank channel's) with its debits booked in bulk: the instructed orders
     * it books move to SETTLING in one bulk write and are then booked per budget line ({@link OrderService#settleAll});
     * everything else is judged one by one as in {@link #importStatement(byte[], String)}.
     */
    public BankFile importStatementInRound(byte[] xml, String actor) {
        return importStatement(xml, actor, true);
    }

    private BankFile importStatement(byte[] xml, String actor, boolean inBulk) {
        List<BankFiles.Statement> read = files.readStatements(xml);
        for (BankFiles.Statement statement : read) {
            if (!config.payer().account().equals(statement.account())) {
                throw new NotOurStatement("account", "statement " + statement.statementId() + " is of account "
                        + statement.account() + ", not of the paying account; nothing of the file applied");
            }
            if (!Set.of(CURRENCY).containsAll(statement.currencies())) {
                throw new NotOurStatement("currency", "statement " + statement.statementId() + " has amounts in "
                        + statement.currencies() + "; the paying account is in " + CURRENCY + "; nothing of the file applied");
            }
        }
        String id = "camt053:" + String.join("+", read.stream().map(BankFiles.Statement::statementId).toList());
        String hash = Hashes.sha256(new String(xml, StandardCharsets.UTF_8));
        Optional<BankFile> before = alreadyImported(id, hash);
        if (before.isPresent()) {
            return before.get();
        }
        List<BankFileItem> items = new ArrayList<>();
        List<Booking> bookings = new ArrayList<>();
        // the orders the debits name, in one read (issue 14): the bulk bookings are judged on it. Safe though it is read
        // before any detail moves an order: each booking's move is conditional on the order's state and version, and one
        // that lost (moved by an earlier detail of this file, or by another writer) is judged again alone on a fresh read
        Map<String, OrderRepository.Stored> named = inBulk ? orders.findAll(read.stream().flatMap(s -> s.entries().stream())
                .filter(BankFiles.Entry::debit).flatMap(e -> e.details().stream()).map(BankFiles.Detail::endToEndId)
                .filter(Objects::nonNull).distinct().toList()) : Map.of();
        for (BankFiles.Entry entry : read.stream().flatMap(s -> s.entries().stream()).toList()) {
            if (!entry.statusCode().reconciled()) {
                items.add(new BankFileItem(entry.reference(), null, entry.debit() ? "DEBIT" : "CREDIT",
                        entry.amountFen(), null, IGNORED));
                continue;
            }
            if (entry.reference() == null) {
                LOG.errorf("statement %s has a %s entry of %d fen without any reference; nothing applied", id,
                        entry.debit() ? "debit" : "credit", entry.amountFen());
                for (BankFiles.Detail detail : entry.details().isEmpty() ? List.of(new BankFiles.Detail(null, entry.amountFen(),
                        null)) : entry.details()) {
                    items.add(item(entry, detail, entry.debit() ? "DEBIT" : "CREDIT",
                            byEndToEnd(detail.endToEndId()).map(o -> o.order().id()).orElse(null), NO_REFERENCE));
                }
                continue;
            }
            if (entry.details().isEmpty()) {
                items.add(new BankFileItem(entry.reference(), null, entry.debit() ? "DEBIT" : "CREDIT",
                        entry.amountFen(), null, UNMATCHED));
            }
            for (BankFiles.Detail detail : entry.details()) {
                Optional<OrderRepository.Stored> bookable = inBulk && entry.debit() ? bookable(detail, named)
                        : Optional.empty();
                if (bookable.isPresent() && bookings.stream().noneMatch(b -> b.stored().order().id()
                        .equals(bookable.get().order().id()))) {
                    items.add(null);
                    bookings.add(new Booking(items.size() - 1, entry, detail, bookable.get()));
                    continue;
                }
                // anything else is judged alone, after every item before it (a return or a second debit of an order
                // the bulk books sees it booked, as one by one)
                bookInBulk(bookings, items, id);
                items.add(entry.debit() ? debit(entry, detail, id) : credit(entry, detail, id));
            }
        }
        bookInBulk(bookings, items, id);
        return record(id, "camt.053", hash, actor, items);
    }

    /** A debit of the statement that books an instructed order, as {@link #debit} would, kept for the bulk write. */
    private record Booking(int index, BankFiles.Entry entry, BankFiles.Detail detail, OrderRepository.Stored stored) {
    }

    /**
     * An instructed order of this file, of this amount, without an offset: booked in bulk; anything else alone. Judged on
     * the orders read for the whole file ({@code named}), else (a bank reference in place of the order id) read alone.
     */
    private Optional<OrderRepository.Stored> bookable(BankFiles.Detail detail, Map<String, OrderRepository.Stored> named) {
        return Optional.ofNullable(detail.endToEndId() == null ? null : named.get(detail.endToEndId()))
                .or(() -> byEndToEnd(detail.endToEndId())).filter(o -> o.order().state() == OrderState.INSTRUCTED
                && o.order().returnedInstruction(detail.endToEndId()).isEmpty()
                && o.order().transferFen() == detail.amountFen() && !fromOtherFile(detail, o.order())
                && o.order().offsetFen() == 0 && o.order().investmentId() == null);
    }

    /**
     * The bookings' orders move INSTRUCTED -> SETTLING (the intent, with the booking that settles it) in one bulk write,
     * each conditional on its state and version; the ones that moved are booked on their lines by this writer unless the
     * write stalled for half the resume delay (then the resumer does it); one that another writer moved first is judged
     * again on what it is now, as {@link #debit} does.
     */
    private void bookInBulk(List<Booking> bookings, List<BankFileItem> items, String file) {
        if (bookings.isEmpty()) {
            return;
        }
        OrderMoves.Bulk round = moves.bulk();
        bookings.forEach(b -> round.change(b.stored(), b.stored().order().confirmedByBank(b.entry().reference())));
        long written = System.nanoTime();
        List<OrderRepository.Stored> settling = round.apply();
        Set<String> moved = new HashSet<>(settling.stream().map(o -> o.order().id()).toList());
        for (Booking b : bookings) {
            items.set(b.index(), moved.contains(b.stored().order().id())
                    ? item(b.entry(), b.detail(), "DEBIT", b.stored().order().id(), SETTLED) : debit(b.entry(), b.detail(), file));
        }
        if (System.nanoTime() - written < config.resumeAfter().toNanos() / 2) {
            service.settleAll(settling, file);
        }
        bookings.clear();
    }

    /** Reconciles a pain.002 status report: rejected transactions reopen their orders. */
    public BankFile importStatusReport(byte[] xml, String actor) {
        BankFiles.StatusReport report = files.readStatusReport(xml);
        String id = "pain002:" + report.messageId();
        String hash = Hashes.sha256(new String(xml, StandardCharsets.UTF_8));
        Optional<BankFile> before = alreadyImported(id, hash);
        if (before.isPresent()) {
            return before.get();
        }
        List<BankFileItem> items = new ArrayList<>();
        for (BankFiles.TransactionStatus tx : report.transactions()) {
            Optional<OrderRepository.Stored> order = byEndToEnd(tx.endToEndId());
            ReconciliationOutcome outcome;
            if (order.isEmpty()) {
                outcome = UNMATCHED;
            } else if (tx.statusCode() != BankTransactionStatus.RJCT) {
                outcome = IGNORED;
            } else if (!Objects.equals(report.originalMessageId(), order.get().order().batchId())) {
                // about a file the order has left (voided, reissued): reopening it would put it into a third file
                outcome = STALE;
            } else if (order.get().order().state() == OrderState.INSTRUCTED) {
                outcome = moves.move(order.get(), order.get().order().reopened(PaymentOrder.REOPENED_REJECTED, clock.instant()),
                        actor, id) ? REOPENED : ALREADY_BOOKED;
            } else {
                outcome = order.get().order().state() == OrderState.APPROVED ? REOPENED : UNMATCHED;
            }
            items.add(new BankFileItem(report.originalMessageId(), tx.endToEndId(), "REJECTION:" + tx.reason(), 0,
                    order.map(o -> o.order().id()).orElse(null), outcome));
        }
        return record(id, "pain.002", hash, actor, items);
    }

    private BankFileItem debit(BankFiles.Entry entry, BankFiles.Detail detail, String file) {
        Optional<OrderRepository.Stored> found = byEndToEnd(detail.endToEndId());
        if (found.isEmpty()) {
            return item(entry, detail, "DEBIT", null, UNMATCHED);
        }
        PaymentOrder order = found.get().order();
        Optional<Instruction> returned = order.returnedInstruction(detail.endToEndId());
        if (returned.isPresent()) {
            return earlierDebit(entry, detail, file, order, returned.get());
        }
        if (order.transferFen() != detail.amountFen()) {
            return item(entry, detail, "DEBIT", order.id(), AMOUNT_MISMATCH);
        }
        if (fromOtherFile(detail, order)) {
            // the bank executed a file the order has left (voided): money went out a second time, for an officer to recover
            LOG.errorf("duplicate payment: %s debits order %s from file %s, the order is %s in %s", file, order.id(),
                    detail.messageId(), order.state(), order.batchId());
            return item(entry, detail, "DEBIT", order.id(), DUPLICATE_PAYMENT);
        }
        if (order.state() == OrderState.INSTRUCTED) {
            long written = System.nanoTime();
            if (!moves.change(found.get(), order.confirmedByBank(entry.reference()))) {
                // another writer moved it first (a void's reopen, another import): judge again on what it is now
                return debit(entry, detail, file);
            }
            service.finishUnlessStalled(written, order.id(), file);
            return item(entry, detail, "DEBIT", order.id(), SETTLED);
        }
        boolean booked = order.state() == OrderState.SETTLING || order.state() == OrderState.SETTLED
                || order.state() == OrderState.RETURNING || order.state() == OrderState.RETURNED;
        if (!booked) {
            return item(entry, detail, "DEBIT", order.id(), UNMATCHED);
        }
        if (settledBy(order, entry.reference())) {
            return item(entry, detail, "DEBIT", order.id(), ALREADY_BOOKED); // the booking that settled it, reported again
        }
        // another booking debits an order that is already paid: the money went out twice, for an officer to recover
        LOG.errorf("duplicate payment: %s debits settled order %s again (booking %s)", file, order.id(), entry.reference());
        return item(entry, detail, "DEBIT", order.id(), DUPLICATE_PAYMENT);
    }

    /**
     * A debit naming an instruction of the order that the bank returned (issue 20 item 2; the order may have been sent
     * again since, under a new end-to-end id): never books the order as it is now. The booking that settled that
     * instruction, reported again, is ALREADY_BOOKED; any other booking, or one from another file, is a DUPLICATE_PAYMENT.
     */
    private BankFileItem earlierDebit(BankFiles.Entry entry, BankFiles.Detail detail, String file, PaymentOrder order,
                                      Instruction returned) {
        if (returned.transferFen() != detail.amountFen()) {
            return item(entry, detail, "DEBIT", order.id(), AMOUNT_MISMATCH);
        }
        boolean sameFile = detail.messageId() == null || detail.messageId().equals(returned.batchId());
        if (sameFile && returned.settlingBooking() != null ? returned.settlingBooking().equals(entry.reference())
                : sameFile && statements.settledBy(order.id()).contains(entry.reference())) {
            return item(entry, detail, "DEBIT", order.id(), ALREADY_BOOKED);
        }
        LOG.errorf("duplicate payment: %s debits order %s again for its returned instruction %s (booking %s)", file, order.id(),
                returned.endToEndId(), entry.reference());
        return item(entry, detail, "DEBIT", order.id(), DUPLICATE_PAYMENT);
    }

    /**
     * This booking is the one that settled the order: kept on the order in the settling write itself (a crash before
     * the file is recorded, or the same file uploaded again, still knows it); orders settled before that was kept are
     * judged on the recorded files.
     */
    private boolean settledBy(PaymentOrder order, String booking) {
        if (order.settlingBooking() != null) {
            return order.settlingBooking().equals(booking);
        }
        return statements.settledBy(order.id()).contains(booking);
    }

    private BankFileItem credit(BankFiles.Entry entry, BankFiles.Detail detail, String file) {
        Optional<OrderRepository.Stored> found = byEndToEnd(detail.endToEndId());
        if (found.isEmpty()) {
            return item(entry, detail, "CREDIT", null, UNMATCHED);
        }
        PaymentOrder order = found.get().order();
        Optional<Instruction> returned = order.returnedInstruction(detail.endToEndId());
        if (returned.isPresent()) {
            // a credit naming an instruction the bank returned already: booked then (the order may be sent again since)
            if (returned.get().transferFen() != detail.amountFen()) {
                return item(entry, detail, "CREDIT", order.id(), AMOUNT_MISMATCH);
            }
            boolean otherFile = detail.messageId() != null && !detail.messageId().equals(returned.get().batchId());
            return item(entry, detail, "CREDIT", order.id(), otherFile ? OTHER_FILE : ALREADY_BOOKED);
        }
        if (order.transferFen() != detail.amountFen()) {
            return item(entry, detail, "CREDIT", order.id(), AMOUNT_MISMATCH);
        }
        if (fromOtherFile(detail, order)) {
            return item(entry, detail, "CREDIT", order.id(), OTHER_FILE);
        }
        if (order.state() == OrderState.SETTLED) {
            String reason = detail.returnReason() == null ? "returned by the bank" : "returned by the bank: " + detail.returnReason();
            long written = System.nanoTime();
            if (moves.change(found.get(), order.returning(reason))) {
                service.finishUnlessStalled(written, order.id(), file);
            }
            return item(entry, detail, "CREDIT", order.id(), RETURNED);
        }
        boolean booked = order.state() == OrderState.RETURNING || order.state() == OrderState.RETURNED;
        return item(entry, detail, "CREDIT", order.id(), booked ? ALREADY_BOOKED : UNMATCHED);
    }

    /** The bank names the file (pain.001 MsgId = batch id) a transfer came from, and it is not the order's own. */
    private static boolean fromOtherFile(BankFiles.Detail detail, PaymentOrder order) {
        return detail.messageId() != null && !detail.messageId().equals(order.batchId());
    }

    private static BankFileItem item(BankFiles.Entry entry, BankFiles.Detail detail, String kind, String orderId,
                                     ReconciliationOutcome outcome) {
        return new BankFileItem(entry.reference(), detail.endToEndId(), kind, detail.amountFen(), orderId, outcome);
    }

    private Optional<BankFile> alreadyImported(String id, String hash) {
        Optional<BankFile> existing = statements.find(id);
        if (existing.isPresent() && !existing.get().hash().equals(hash)) {
            throw new DifferentFile("a different file was imported as " + id + " before; nothing applied");
        }
        return existing;
    }

    private BankFile record(String id, String kind, String hash, String actor,
                                                List<BankFileItem> items) {
        if (!items.isEmpty() && items.stream().allMatch(i -> i.outcome() == UNMATCHED)) {
            throw new NothingMatched(kind + " " + id + " matches no payment order; nothing applied");
        }
        BankFile imported = new BankFile(id, kind, hash, clock.instant(), actor, items);
        statements.insert(imported);
        return statements.find(id).orElse(imported);
    }

    /** An exported batch whose orders the bank booked (or returned) is reconciled. */
    public void closeIfBooked(Batch batch) {
        boolean booked = orders.findAll(batch.orderIds()).values().stream() // one read for the batch's orders
                .allMatch(o -> o.order().state() == OrderState.SETTLED || o.order().state() == OrderState.RETURNED
                        || o.order().state() == OrderState.RETURNING
                        // returned from this file and sent again since (issue 20 item 2): done with this file
                        || o.order().instructions().stream().anyMatch(i -> batch.id().equals(i.batchId())));
        if (booked) {
            batches.reconciled(batch.id(), clock.instant());
        }
    }

    private Optional<OrderRepository.Stored> byEndToEnd(String endToEndId) {
        if (endToEndId == null) {
            return Optional.empty();
        }
        return orders.find(endToEndId).or(() -> orders.byBankReference(endToEndId))
                .or(() -> orders.byReturnedEndToEnd(endToEndId));
    }

    public List<BankFile> reports() {
        return statements.all();
    }
}
