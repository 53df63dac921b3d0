package org.susong.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store's single-write limit in the same run: {@code n} single-document inserts, then {@code n} updates by
 * {@code _id} ({@code $inc}), from {@code threads} client threads, into a scratch database that is dropped
 * afterwards. The platform is idle by then; its background jobs still share the store.
 */
final class StoreLimit {

    static void run(String uri, int n, int threads) throws InterruptedException {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> c = client.getDatabase("bench-store-limit").getCollection("writes");
            c.drop();
            String before = Harness.load();
            long start = System.nanoTime();
            Harness.parallel(n, threads, i -> c.insertOne(new Document("_id", i).append("v", 0).append("pad", "x".repeat(200))));
            double inserts = n / ((System.nanoTime() - start) / 1e9);
            AtomicInteger matched = new AtomicInteger();
            start = System.nanoTime();
            Harness.parallel(n, threads, i -> matched.addAndGet((int) c.updateOne(Filters.eq("_id", i), Updates.inc("v", 1))
                    .getMatchedCount()));
            double updates = n / ((System.nanoTime() - start) / 1e9);
            client.getDatabase("bench-store-limit").drop();
            System.out.printf("store write limit (%s, %d threads, one document per call): %.0f inserts/s, %.0f updates by _id/s"
                    + " (%d matched); load %s -> %s%n", uri, threads, inserts, updates, matched.get(), before, Harness.load());
        }
    }

    private StoreLimit() {
    }
}
