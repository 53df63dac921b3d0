package org.susong.payments.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.susong.payments.domain.AllocationState;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.WithdrawalState;

/**
 * Read-only scans for the audit (issue 12): every order, allocation, withdrawal and recovery with
 * only the fields the invariants need. One pass over each collection; nothing is written.
 */
@ApplicationScoped
public class AuditReads {

    /** An order as the audit sees it. */
    public record OrderRow(String id, String decisionId, String applicationId, OrderState state, String budgetLine,
                           long amountFen, Instant updatedAt, Instant noticeEndsAt) {
    }

    /** Any other intent document: its id, state as stored (or {@link #REPAYING}) and the time it last moved. */
    public record IntentRow(String collection, String id, String state, Instant since) {

        /** A recovery's state in the audit while a repayment intent is pending on it. */
        public static final String REPAYING = "REPAYING";

        /**
         * Whether it is an intent a resumer finishes: a PENDING allocation ({@link AllocationState#PENDING}) or withdrawal
         * ({@link WithdrawalState#PENDING}), or a recovery with a repayment pending ({@link #REPAYING}).
         */
        public boolean pending() {
            return AllocationState.PENDING.name().equals(state) || WithdrawalState.PENDING.name().equals(state)
                    || REPAYING.equals(state);
        }
    }

    private final MongoDatabase database;

    AuditReads(MongoDatabase database) {
        this.database = database;
    }

    public List<OrderRow> orders() {
        List<OrderRow> rows = new ArrayList<>();
        for (Document d : database.getCollection(OrderRepository.COLLECTION).find().projection(Projections.include(
                "decisionId", "applicationId", "state", "budgetLine", "amountFen", "updatedAt", "createdAt", "noticeEndsAt"))) {
            Number amount = d.get("amountFen", Number.class);
            Date updated = d.getDate("updatedAt") != null ? d.getDate("updatedAt") : d.getDate("createdAt");
            rows.add(new OrderRow(d.getString("_id"), d.getString("decisionId"), d.getString("applicationId"),
                    OrderState.valueOf(d.getString("state")), d.getString("budgetLine"), amount == null ? 0 : amount.longValue(), instant(updated),
                    instant(d.getDate("noticeEndsAt"))));
        }
        return rows;
    }

    /**
     * Allocations and withdrawals with their state and creation time; recoveries with the state
     * {@code REPAYING} while a repayment intent is pending on them (else their own state).
     */
    public List<IntentRow> otherIntents() {
        List<IntentRow> rows = new ArrayList<>();
        for (String collection : List.of(AllocationRepository.COLLECTION, WithdrawalRepository.COLLECTION)) {
            for (Document d : database.getCollection(collection).find().projection(Projections.include("state", "createdAt"))) {
                rows.add(new IntentRow(collection, d.getString("_id"), d.getString("state"), instant(d.getDate("createdAt"))));
            }
        }
        for (Document d : database.getCollection(RecoveryRepository.COLLECTION).find()
                .projection(Projections.include("state", "pending", "updatedAt"))) {
            String state = d.get("pending") != null ? IntentRow.REPAYING : d.getString("state");
            rows.add(new IntentRow(RecoveryRepository.COLLECTION, d.getString("_id"), state, instant(d.getDate("updatedAt"))));
        }
        return rows;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
