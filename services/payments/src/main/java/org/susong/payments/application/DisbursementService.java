package org.susong.payments.application;

import org.susong.payments.domain.Batch;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jboss.logging.Logger;
import org.susong.commons.ids.Hashes;
import org.susong.commons.time.BusinessClock;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.BatchState;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BatchRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.PayeeRepository;

/**
 * Daily disbursement batches behind the bank-channel port. Approved grant orders whose payee snapshot
 * is held join the open batch of (business date, budget line); the batch is exported as a pain.001:
 * the file's hash and its order list are stored (EXPORTING) <em>before</em> the file is released, so a
 * crash during export can only produce the same file again; the orders then become INSTRUCTED and the
 * batch EXPORTED. A second, different file for the same orders exists only through void-and-reissue.
 */
@ApplicationScoped
public class DisbursementService {

    private static final Logger LOG = Logger.getLogger(DisbursementService.class);
    static final int MAX_ID = PaymentOrder.MAX_END_TO_END;

    /** A batch cannot be exported because it holds no order (400/409 at the edge). */
    public static final class EmptyBatch extends RuntimeException {
        public EmptyBatch(String id) {
            super("batch " + id + " holds no order; there is nothing to export");
        }
    }

    /** A batch is not in the state an operation needs (409 at the edge). */
    public static final class BatchConflict extends RuntimeException {
        public BatchConflict(String message) {
            super(message);
        }
    }

    private final BatchRepository batches;
    private final OrderRepository orders;
    private final PayeeRepository payees;
    private final OrderMoves moves;
    private final BankFiles files;
    private final BankChannel channel;
    private final ReconciliationService reconciliation;
    private final RecoveryService recoveries;
    private final OrderService service;
    private final ApplicantChanges applicants;
    private final Clock clock;
    private final PaymentsConfig config;

    DisbursementService(BatchRepository batches, OrderRepository orders, PayeeRepository payees, OrderMoves moves,
                        BankFiles files, BankChannel channel, ReconciliationService reconciliation,
                        RecoveryService recoveries, OrderService service, ApplicantChanges applicants, Clock clock,
                        PaymentsConfig config) {
        this.recoveries = recoveries;
        this.applicants = applicants;
        this.service = service;
        this.batches = batches;
        this.orders = orders;
        this.payees = payees;
        this.moves = moves;
        this.files = files;
        this.channel = channel;
        this.reconciliation = reconciliation;
        this.clock = clock;
        this.config = config;
    }

    /** The processor's round: batch, export when due, instruct, and take the channel's statements. */
    public void run() {
        if (!channel.exports()) {
            return;
        }
        batchApproved();
        LocalTime exportAt = config.exportBatchesAt().orElse(null);
        LocalTime now = LocalTime.now(clock.withZone(BusinessClock.ZONE));
        for (Batch batch : batches.inState(BatchState.OPEN)) {
            if (exportAt == null || !now.isBefore(exportAt) || !batch.date().equals(today())) {
                try {
                    export(batch.id());
                } catch (EmptyBatch | BatchConflict e) {
                    LOG.debugf("batch %s not exported: %s", batch.id(), e.getMessage());
                }
            }
        }
        for (Batch batch : batches.inState(BatchState.EXPORTING)) {
            release(batch);
        }
        reopenStragglers();
        for (Batch batch : batches.inState(BatchState.EXPORTED)) {
            // the channel books what is still instructed in this batch (not what a rejection or void reopened)
            // the batch's orders in one read, for the file and for what is still instructed in it
            Map<String, OrderRepository.Stored> members = orders.findAll(batch.orderIds());
            BankFiles.CreditTransfers all = transfers(batch, members);
            Map<String, OrderRepository.Stored> byEndToEnd = new HashMap<>(); // a re-sent order's transfer has its new id
            members.values().forEach(o -> byEndToEnd.put(o.order().instructionIn(batch.id()).endToEndId(), o));
            List<BankFiles.Transfer> open = all.transfers().stream().filter(t -> java.util.Optional.ofNullable(
                    byEndToEnd.get(t.endToEndId())).filter(o -> o.order().state() == OrderState.INSTRUCTED
                    && batch.id().equals(o.order().batchId())).isPresent()).toList();
            if (!open.isEmpty()) {
                channel.statementFor(new BankFiles.CreditTransfers(all.messageId(), all.paymentInfoId(), all.createdAt(),
                        all.executionDate(), all.payerName(), all.payerAccount(), all.payerBankCode(), open))
                        .ifPresent(statement -> reconciliation.importStatementInRound(statement, OrderService.SYSTEM));
            }
            reconciliation.closeIfBooked(batch);
        }
    }

    /**
     * Approved grant orders with a payee snapshot join the open batch of today and their line: in one bulk write, each
     * conditional on the order's state and version. An order with an offset against a recovery moves alone (its claim
     * on the recovery is given back when the move loses). An order that holds an appeal's rejection is never batched (a
     * bank file reopened it after the rejection was kept): left out of the read, and refused by each move's guard when the
     * rejection is kept after the read; the appeals step releases it.
     */
    public void batchApproved() {
        Map<String, String> openBatch = new HashMap<>();
        OrderMoves.Bulk round = moves.bulk();
        List<OrderRepository.Stored> approved = RoundFaults.inState(OrderState.APPROVED, orders.approvedToPay(2000));
        var held = payees.forOrders(approved.stream().map(OrderRepository.Stored::order).toList()); // one read
        // the creditor is named as the beneficiary is registered now (a rename after the snapshot, issue 20 item 6)
        var renames = applicants.renames(approved.stream().map(s -> s.order().beneficiaryUscc()).toList()); // one read
        for (OrderRepository.Stored stored : approved) {
            PaymentOrder order = stored.order();
            if (order.investment()) {
                continue;
            }
            var payee = java.util.Optional.ofNullable(held.get(order.id()))
                    .map(p -> p.payee().registeredAs(renames.get(order.beneficiaryUscc())));
            if (payee.isEmpty()) {
                continue;
            }
            RecoveryService.Offset offset = recoveries.claimOffset(order);
            if (offset != null && offset.fen() >= order.amount().fen()) {
                // all of it goes to the beneficiary's debt: no transfer, booked at once
                long written = System.nanoTime();
                if (moves.change(stored, order.settledByOffset(offset.recoveryId()))) {
                    service.finishUnlessStalled(written, order.id(), "offset");
                } else {
                    recoveries.giveBackUnlessHeld(offset, order.id());
                }
                continue;
            }
            String batchId = openBatch.computeIfAbsent(order.budgetLineId(), this::openBatchFor);
            if (offset == null) {
                round.change(stored, order.batched(batchId, payee.get()));
            } else if (!moves.change(stored, order.batched(batchId, payee.get(), offset.recoveryId(), offset.fen()))) {
                recoveries.giveBackUnlessHeld(offset, order.id());
            }
        }
        round.apply();
    }

    /** The open batch of today for a line, created when there is none (same id on every replica). */
    String openBatchFor(String line) {
        String date = today();
        List<Batch> existing = batches.forDateAndLine(date, line);
        int last = 0;
        for (Batch b : existing) {
            if (b.open()) {
                return b.id();
            }
            last = Math.max(last, b.sequence());
        }
        String id = batchId(date, line, last + 1);
        batches.insert(id, line, date, last + 1, clock.instant());
        return id;
    }

    static String batchId(String date, String line, int sequence) {
        return "B-" + date.replace("-", "") + "-" + line.replace(":", "") + "-" + sequence;
    }

    /** Fixes the file of an open batch: hash and order list stored before anything is released. */
    public Batch export(String batchId) {
        Draft draft = draft(batchId);
        batches.exporting(batchId, draft.orderIds(), draft.transfers().controlSumFen(),
                Hashes.sha256(new String(draft.file(), StandardCharsets.UTF_8)), clock.instant());
        return batches.find(batchId).orElseThrow();
    }

    /** What an export of the open batch writes now (a crashed export built exactly this and stored nothing). */
    public Draft draft(String batchId) {
        Batch batch = batches.find(batchId).orElseThrow(() -> new NoSuchElementException(batchId));
        if (!batch.open()) {
            throw new BatchConflict("batch " + batchId + " is " + batch.state() + "; only an OPEN batch is exported (a second"
                    + " file needs void-and-reissue)");
        }
        List<OrderRepository.Stored> members = orders.inBatch(batchId).stream()
                .filter(o -> o.order().state() == OrderState.BATCHED)
                .sorted(Comparator.comparing(o -> o.order().id())).toList();
        if (members.isEmpty()) {
            throw new EmptyBatch(batchId);
        }
        BankFiles.CreditTransfers transfers = transfers(batch, members.stream().map(OrderRepository.Stored::order).toList());
        return new Draft(members.stream().map(o -> o.order().id()).toList(), transfers, files.write(transfers));
    }

    /** The file an export would write, with the orders it holds. */
    public record Draft(List<String> orderIds, BankFiles.CreditTransfers transfers, byte[] file) {
    }

    /** Instructs the orders of an EXPORTING batch (the processor does it right after the export). */
    public void instruct(String batchId) {
        Batch batch = batches.find(batchId).orElseThrow(() -> new NoSuchElementException(batchId));
        if (batch.state() != BatchState.EXPORTING) {
            throw new BatchConflict("batch " + batchId + " is " + batch.state() + "; only an EXPORTING batch is instructed");
        }
        release(batch);
    }

    /**
     * EXPORTING: the listed orders become INSTRUCTED, stragglers go back to APPROVED (one bulk write, each move conditional
     * on the order's state and version), then EXPORTED.
     */
    void release(Batch batch) {
        Set<String> listed = Set.copyOf(batch.orderIds());
        OrderMoves.Bulk round = moves.bulk();
        for (OrderRepository.Stored stored : orders.inBatch(batch.id())) {
            PaymentOrder order = stored.order();
            if (order.state() != OrderState.BATCHED) {
                continue;
            }
            if (listed.contains(order.id())) {
                round.move(stored, order.instructed(order.endToEndId()), OrderService.SYSTEM, batch.id());
            } else {
                round.move(stored, order.reopened(PaymentOrder.REOPENED_NOT_IN_FILE, clock.instant()), OrderService.SYSTEM,
                        batch.id());
            }
        }
        round.apply();
        batches.exported(batch.id(), clock.instant());
    }

    /**
     * An order batched by a replica that still saw the batch OPEN after another exported it is in no
     * file: it goes back to APPROVED (and into the next batch).
     */
    void reopenStragglers() {
        OrderMoves.Bulk round = moves.bulk();
        for (OrderRepository.Stored stored : RoundFaults.inState(OrderState.BATCHED, orders.inState(OrderState.BATCHED, 2000))) {
            PaymentOrder order = stored.order();
            Batch batch = batches.find(order.batchId()).orElse(null);
            if (batch != null && batch.open()) {
                continue;
            }
            boolean inFile = batch != null && !batch.voided() && batch.orderIds().contains(order.id());
            if (inFile) {
                // in an exported file: it is instructed, never put into a second one
                round.move(stored, order.instructed(order.endToEndId()), OrderService.SYSTEM, batch.id());
            } else {
                round.move(stored, order.reopened(batch != null && batch.voided() ? PaymentOrder.REOPENED_VOIDED
                        : PaymentOrder.REOPENED_NOT_IN_FILE, clock.instant()), OrderService.SYSTEM, order.batchId());
            }
        }
        round.apply();
        // a void that crashed between VOIDED and its reopen loop: its orders are still in the voided file
        for (Batch voided : batches.inState(BatchState.VOIDED)) {
            reopenLeftIn(voided);
        }
    }

    /**
     * Reopens the orders a voided batch still holds (BATCHED or INSTRUCTED in it). A write that loses to another writer
     * is judged again on the order as it is now: reopened only while it is still in this batch and not booked.
     */
    private void reopenLeftIn(Batch voided) {
        for (String id : voided.orderIds()) {
            boolean done = false;
            while (!done) {
                OrderRepository.Stored stored = orders.find(id).orElse(null);
                done = stored == null || !voided.id().equals(stored.order().batchId())
                        || (stored.order().state() != OrderState.BATCHED && stored.order().state() != OrderState.INSTRUCTED)
                        || moves.move(stored, stored.order().reopened(PaymentOrder.REOPENED_VOIDED, clock.instant()),
                        OrderService.SYSTEM, voided.id());
            }
        }
    }

    /** The exported file again: rebuilt from the fixed order list and checked against the stored hash. */
    public byte[] file(String batchId) {
        Batch batch = batches.find(batchId).orElseThrow(() -> new NoSuchElementException(batchId));
        if (batch.fileHash() == null) {
            throw new BatchConflict("batch " + batchId + " is " + batch.state() + " and has no file yet");
        }
        byte[] file = files.write(transfers(batch));
        if (!Hashes.sha256(new String(file, StandardCharsets.UTF_8)).equals(batch.fileHash())) {
            throw new IllegalStateException("batch " + batchId + " no longer rebuilds to the exported file (hash "
                    + batch.fileHash() + "); void and reissue it");
        }
        return file;
    }

    /**
     * Voids an exported batch (issue 23, two people): the first call records the request with the reason and the
     * bank's recall reference and changes nothing else; a second call by another user with the same recall reference
     * voids it: its orders that the bank has not booked go back to APPROVED and into a new batch with a new file. The
     * only way to a second file for the same orders. The same user twice, or another recall reference, is refused.
     *
     * @param user the principal's id (compared whole, never a part of an actor string)
     */
    public Batch voidAndReissue(String batchId, String reason, String recallReference, String user) {
        Batch batch = batches.find(batchId).orElseThrow(() -> new NoSuchElementException(batchId));
        List<OrderRepository.Stored> members = voidable(batch);
        if (batch.voidRequestedBy() == null) {
            if (!batches.voidRequested(batchId, batch.state(), reason, recallReference, user, clock.instant())) {
                throw new BatchConflict("batch " + batchId + " changed meanwhile; try again");
            }
            return batches.find(batchId).orElseThrow();
        }
        if (batch.voidRequestedBy().equals(user)) {
            throw new BatchConflict("the void of batch " + batchId + " was requested by " + user + "; a second, different person"
                    + " confirms it");
        }
        if (!batch.recallReference().equals(recallReference)) {
            throw new BatchConflict("the void of batch " + batchId + " was requested with bank recall reference "
                    + batch.recallReference() + ", not " + recallReference);
        }
        if (!batches.voided(batchId, batch.state(), user, clock.instant())) {
            throw new BatchConflict("batch " + batchId + " changed meanwhile; try again");
        }
        reopenLeftIn(batches.find(batchId).orElseThrow());
        return batches.find(batchId).orElseThrow();
    }

    /** The orders of an exported batch none of which the bank has booked; otherwise it cannot be voided. */
    private List<OrderRepository.Stored> voidable(Batch batch) {
        if (!batch.voidable()) {
            throw new BatchConflict("batch " + batch.id() + " is " + batch.state() + "; only an exported batch can be voided");
        }
        List<OrderRepository.Stored> members = batch.orderIds().stream().map(orders::find).flatMap(java.util.Optional::stream)
                .toList();
        if (members.stream().anyMatch(o -> o.order().state() != OrderState.INSTRUCTED && o.order().state() != OrderState.BATCHED)) {
            throw new BatchConflict("batch " + batch.id() + " has orders the bank already booked; it cannot be voided");
        }
        return members;
    }

    public BankFiles.CreditTransfers transfers(Batch batch) {
        return transfers(batch, orders.findAll(batch.orderIds()));
    }

    /** The file of the batch from its orders read in one read (every one of its fixed order list must be there). */
    private BankFiles.CreditTransfers transfers(Batch batch, Map<String, OrderRepository.Stored> read) {
        List<PaymentOrder> members = new ArrayList<>();
        for (String id : batch.orderIds()) {
            members.add(java.util.Optional.ofNullable(read.get(id)).orElseThrow(() -> new NoSuchElementException(id)).order());
        }
        return transfers(batch, members);
    }

    private BankFiles.CreditTransfers transfers(Batch batch, List<PaymentOrder> members) {
        // each order's transfer as it was in this file: an order the bank returned and that was sent again since keeps its
        // earlier instruction, so the old file still rebuilds to its hash
        List<BankFiles.Transfer> list = members.stream().map(o -> new BankFiles.Transfer(o.instructionIn(batch.id()).endToEndId(),
                o.instructionIn(batch.id()).transferFen(), o.instructionIn(batch.id()).payee(), "Susong " + o.measureCode() + " "
                + o.decisionId())).toList();
        return new BankFiles.CreditTransfers(batch.id(), batch.id() + "-P1", batch.createdAt(), LocalDate.parse(batch.date()),
                config.payer().name(), config.payer().account(), config.payer().bankCode(), list);
    }

    /** The order id when it fits pain.001's 35 characters, else a hash of it (deterministic either way). */
    public static String endToEndId(String orderId) {
        return PaymentOrder.endToEndIdOf(orderId, 0);
    }

    public List<Batch> forDate(String date) {
        return batches.forDate(date);
    }

    public java.util.Optional<Batch> find(String id) {
        return batches.find(id);
    }

    private String today() {
        return LocalDate.now(clock.withZone(BusinessClock.ZONE)).toString();
    }

}
