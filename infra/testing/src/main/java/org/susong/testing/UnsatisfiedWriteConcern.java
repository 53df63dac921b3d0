package org.susong.testing;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoNamespace;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * A store whose every bulk write ({@code insertMany}, {@code bulkWrite}) answers as a replica set that did not satisfy
 * the write concern in time: the writes may be applied on the primary, none is known to be durable. A repository built
 * on {@link #database} must not read that as done (a write concern error with no write error, or with duplicate keys
 * only). Any other call fails: the repository under test is to make none.
 */
public final class UnsatisfiedWriteConcern {

    private UnsatisfiedWriteConcern() {
    }

    /** The database; {@code duplicates}: the indexes a unique index also refused in each bulk write. */
    public static MongoDatabase database(int... duplicates) {
        return proxy(MongoDatabase.class, "unsatisfied", (name, args) -> {
            if (name.equals("getCollection")) {
                return collection((String) args[0], duplicates);
            }
            throw new UnsupportedOperationException("MongoDatabase." + name + " (not in this test)");
        });
    }

    static MongoCollection<?> collection(String name, int... duplicates) {
        MongoNamespace namespace = new MongoNamespace("unsatisfied", name);
        return proxy(MongoCollection.class, name, (method, args) -> switch (method) {
            case "getNamespace" -> namespace;
            case "insertMany", "bulkWrite" -> throw failure(duplicates);
            default -> throw new UnsupportedOperationException("MongoCollection." + method + " (not in this test)");
        });
    }

    /** What the driver throws for an unordered bulk write whose write concern was not satisfied. */
    public static MongoBulkWriteException failure(int... duplicates) {
        List<BulkWriteError> errors = new ArrayList<>();
        for (int index : duplicates) {
            errors.add(new BulkWriteError(11000, "E11000 duplicate key", new BsonDocument(), index));
        }
        return new MongoBulkWriteException(BulkWriteResult.acknowledged(0, 0, 0, 0, List.of(), List.of()), errors,
                new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument()),
                new ServerAddress("127.0.0.1", 27017), Set.of());
    }

    interface Call {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, String name, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) ->
                switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + " " + name + " (write concern never satisfied)";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> call.answer(method.getName(), args);
                }));
    }
}
