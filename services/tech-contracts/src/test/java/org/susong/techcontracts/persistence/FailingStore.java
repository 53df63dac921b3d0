package org.susong.techcontracts.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import jakarta.enterprise.inject.Vetoed;
import java.util.List;
import java.util.Set;
import org.susong.commons.messaging.OutboxConfig;

/** The real repository on the real store, whose bulk insert number {@code failingCall} fails as a lost store would. */
@Vetoed
public final class FailingStore extends ContractRepository {

    private final int failingCall;
    private int calls;

    public FailingStore(MongoClient mongo, String database, OutboxConfig outbox, int failingCall) {
        super(mongo.getDatabase(database), outbox);
        this.failingCall = failingCall;
    }

    @Override
    public Set<Integer> insertAll(List<NewContract> batch) {
        if (++calls == failingCall) {
            throw new MongoException("connection to the store lost (test)");
        }
        return super.insertAll(batch);
    }
}
