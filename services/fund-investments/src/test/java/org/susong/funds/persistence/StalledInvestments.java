package org.susong.funds.persistence;

import com.mongodb.client.MongoClient;
import jakarta.enterprise.inject.Vetoed;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.susong.funds.domain.Investment;

/**
 * The investments of a second service instance (not a bean) that stall at a latch right after the
 * first PENDING intent is written: a request paused between its insert and its next step, released
 * by the test.
 */
@Vetoed
public class StalledInvestments extends InvestmentRepository {

    /** Counted down when the intent is written. */
    public final CountDownLatch reached = new CountDownLatch(1);
    /** Counted down by the test to let the request go on. */
    public final CountDownLatch release = new CountDownLatch(1);

    public StalledInvestments(MongoClient mongo, String database) {
        super(mongo.getDatabase(database));
    }

    @Override
    public boolean insertPending(Investment investment, String leaseOwner, Instant leaseUntil, String idempotencyKey,
                                 String requestHash) {
        boolean inserted = super.insertPending(investment, leaseOwner, leaseUntil, idempotencyKey, requestHash);
        if (reached.getCount() > 0) {
            reached.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the stalled request");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return inserted;
    }
}
