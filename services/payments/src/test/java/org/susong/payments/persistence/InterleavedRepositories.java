package org.susong.payments.persistence;

import com.mongodb.client.MongoClient;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** Repositories that let another writer act right after a read, to replay an interleaving deterministically. */
public final class InterleavedRepositories {

    private InterleavedRepositories() {
    }

    /**
     * A second withdrawal repository whose first read of a withdrawal runs {@code afterFirstRead} before it answers: the
     * read of one ({@code find}) or of several ({@code withdrawnAmong}, the rule every order path asks), whichever comes
     * first.
     */
    public static WithdrawalRepository withdrawals(MongoClient mongo, String database, Runnable afterFirstRead) {
        AtomicBoolean done = new AtomicBoolean();
        return new WithdrawalRepository(mongo.getDatabase(database)) {
            @Override
            public Optional<Withdrawal> find(String id) {
                Optional<Withdrawal> read = super.find(id);
                if (done.compareAndSet(false, true)) {
                    afterFirstRead.run();
                }
                return read;
            }

            @Override
            public java.util.Set<String> withdrawnAmong(java.util.List<String> applicationIds) {
                java.util.Set<String> read = super.withdrawnAmong(applicationIds);
                if (done.compareAndSet(false, true)) {
                    afterFirstRead.run();
                }
                return read;
            }
        };
    }

    /**
     * A second repository of appeals' outcomes whose first {@code keep} runs {@code afterFirstKeep} once the fact is
     * written, before the appeal's handler reads the superseded decision's order.
     */
    public static SupersessionRepository supersessionsActingAfterFirstKeep(MongoClient mongo, String database,
                                                                            Runnable afterFirstKeep) {
        AtomicBoolean done = new AtomicBoolean();
        return new SupersessionRepository(mongo.getDatabase(database)) {
            @Override
            public boolean keep(Supersession s, java.util.Date now) {
                boolean kept = super.keep(s, now);
                if (done.compareAndSet(false, true)) {
                    afterFirstKeep.run();
                }
                return kept;
            }
        };
    }

    /**
     * A second budget-line repository on which another writer acts while {@code orderId} is being reserved: {@code during}
     * runs once, right after the line was written for the order (alone, or in its line's bulk reservation) and before the
     * order records it (the order is RESERVING).
     */
    public static BudgetLineRepository linesActingWhileReserving(MongoClient mongo, String database, String orderId,
                                                                 Runnable during) {
        AtomicBoolean done = new AtomicBoolean();
        return new BudgetLineRepository(mongo.getDatabase(database)) {
            @Override
            public org.susong.commons.persistence.GuardedCounter.Outcome reserve(String lineId, String id, long amountFen) {
                var outcome = super.reserve(lineId, id, amountFen);
                if (id.equals(orderId) && done.compareAndSet(false, true)) {
                    during.run();
                }
                return outcome;
            }

            @Override
            public boolean reserveAll(String lineId, java.util.Map<String, Long> fenByOrder) {
                boolean applied = super.reserveAll(lineId, fenByOrder);
                if (fenByOrder.containsKey(orderId) && done.compareAndSet(false, true)) {
                    during.run();
                }
                return applied;
            }
        };
    }

    /** A second budget-line repository whose first bulk reservation lets another writer act on the line before it. */
    public static BudgetLineRepository linesActingBeforeFirstBulkReservation(MongoClient mongo, String database,
                                                                             Runnable before) {
        AtomicBoolean done = new AtomicBoolean();
        return new BudgetLineRepository(mongo.getDatabase(database)) {
            @Override
            public boolean reserveAll(String lineId, java.util.Map<String, Long> fenByOrder) {
                if (done.compareAndSet(false, true)) {
                    before.run();
                }
                return super.reserveAll(lineId, fenByOrder);
            }
        };
    }

    /** A second statement repository whose first {@code insert} fails, as a crash right before the file is recorded. */
    public static StatementRepository statementsCrashingOnFirstInsert(MongoClient mongo, String database) {
        AtomicBoolean done = new AtomicBoolean();
        return new StatementRepository(mongo.getDatabase(database)) {
            @Override
            public boolean insert(org.susong.payments.domain.BankFile file) {
                if (done.compareAndSet(false, true)) {
                    throw new IllegalStateException("crash before the bank file is recorded");
                }
                return super.insert(file);
            }
        };
    }

    /**
     * A second budget-line repository whose first bulk line movement (a round's reservations or disbursements) crashes:
     * before the line is written ({@code afterTheWrite} false) or right after it, before the orders record it.
     */
    public static BudgetLineRepository linesCrashingOnFirstBulkMove(MongoClient mongo, String database, boolean afterTheWrite) {
        AtomicBoolean done = new AtomicBoolean();
        return new BudgetLineRepository(mongo.getDatabase(database)) {
            @Override
            public boolean disburseAll(String lineId, java.util.Map<String, Long> fenByOrder) {
                return crashOnce(() -> super.disburseAll(lineId, fenByOrder));
            }

            @Override
            public boolean reserveAll(String lineId, java.util.Map<String, Long> fenByOrder) {
                return crashOnce(() -> super.reserveAll(lineId, fenByOrder));
            }

            private boolean crashOnce(java.util.function.BooleanSupplier move) {
                boolean first = done.compareAndSet(false, true);
                if (first && !afterTheWrite) {
                    throw new IllegalStateException("crash before the line is written");
                }
                boolean applied = move.getAsBoolean();
                if (first) {
                    throw new IllegalStateException("crash after the line is written (" + applied + "), before the orders");
                }
                return applied;
            }
        };
    }

    /**
     * A second payee repository whose first read of orders' payees ({@code forOrder} or {@code forOrders}, which the
     * batching does between its read of the APPROVED orders and its write) runs {@code afterFirstRead} before it answers.
     */
    public static PayeeRepository payeesActingAfterFirstRead(MongoClient mongo, String database, Runnable afterFirstRead) {
        AtomicBoolean done = new AtomicBoolean();
        return new PayeeRepository(mongo.getDatabase(database)) {
            @Override
            public Optional<StoredPayee> forOrder(org.susong.payments.domain.PaymentOrder order) {
                Optional<StoredPayee> read = super.forOrder(order);
                if (done.compareAndSet(false, true)) {
                    afterFirstRead.run();
                }
                return read;
            }

            @Override
            public java.util.Map<String, StoredPayee> forOrders(java.util.List<org.susong.payments.domain.PaymentOrder> orders) {
                java.util.Map<String, StoredPayee> read = super.forOrders(orders);
                if (done.compareAndSet(false, true)) {
                    afterFirstRead.run();
                }
                return read;
            }
        };
    }

    /**
     * A second order repository whose list of the orders in {@code listed} also holds, first, the order {@code orderId}
     * as it is now (in another state): what a store answers when the order moved between the query's match and its read.
     */
    public static OrderRepository ordersListingAlso(MongoClient mongo, String database,
                                                    org.susong.commons.messaging.OutboxConfig outbox,
                                                    org.susong.payments.domain.OrderState listed, String orderId) {
        return new OrderRepository(mongo.getDatabase(database), outbox) {
            @Override
            public java.util.List<Stored> inState(org.susong.payments.domain.OrderState state, int limit) {
                java.util.List<Stored> read = new java.util.ArrayList<>();
                if (state == listed) {
                    find(orderId).ifPresent(read::add);
                }
                read.addAll(super.inState(state, limit));
                return read;
            }
        };
    }
}
