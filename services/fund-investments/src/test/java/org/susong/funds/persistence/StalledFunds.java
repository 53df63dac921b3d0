package org.susong.funds.persistence;

import com.mongodb.client.MongoClient;
import jakarta.enterprise.inject.Vetoed;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;

/**
 * The funds of a second service instance (not a bean) whose first read of one fund (or, made with
 * {@link #beforeCall}, whose first capital call on it) waits at a latch: a request or a delivery
 * stalled between its writes, released by the test. Every other call goes to the store as usual.
 */
@Vetoed
public class StalledFunds extends FundRepository {

    /** Counted down when the stalled read is reached. */
    public final CountDownLatch reached = new CountDownLatch(1);
    /** Counted down by the test to let the stalled read go on. */
    public final CountDownLatch release = new CountDownLatch(1);
    private final String fundId;
    private final boolean beforeCall;
    private boolean beforeApply;

    public StalledFunds(MongoClient mongo, String database, String fundId) {
        this(mongo, database, fundId, false);
    }

    private StalledFunds(MongoClient mongo, String database, String fundId, boolean beforeCall) {
        super(mongo.getDatabase(database));
        this.fundId = fundId;
        this.beforeCall = beforeCall;
    }

    /** Stalls right before the first capital call on the fund moves its counter. */
    public static StalledFunds beforeCall(MongoClient mongo, String database, String fundId) {
        return new StalledFunds(mongo, database, fundId, true);
    }

    /** Stalls right before the first investment applied to the fund moves its counter. */
    public static StalledFunds beforeApply(MongoClient mongo, String database, String fundId) {
        StalledFunds stalled = new StalledFunds(mongo, database, fundId, true);
        stalled.beforeApply = true;
        return stalled;
    }

    @Override
    public GuardedCounter.Outcome apply(String fundId, String investmentId, Money amount,
                                        org.susong.funds.domain.Placement placement) {
        if (beforeApply) {
            stallOnce(fundId);
        }
        return super.apply(fundId, investmentId, amount, placement);
    }

    @Override
    public Optional<Fund> find(String id) {
        if (!beforeCall) {
            stallOnce(id);
        }
        return super.find(id);
    }

    @Override
    public GuardedCounter.Outcome applyCall(String fundId, String movementId, CapitalSource source, Money amount) {
        if (beforeCall && !beforeApply) {
            stallOnce(fundId);
        }
        return super.applyCall(fundId, movementId, source, amount);
    }

    private void stallOnce(String id) {
        if (id.equals(fundId) && reached.getCount() > 0) {
            reached.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the stalled read of " + id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
