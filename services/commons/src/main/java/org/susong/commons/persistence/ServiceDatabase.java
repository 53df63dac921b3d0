package org.susong.commons.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one database ({@code quarkus.mongodb.database}), produced once (issue 21 item 7): repositories, the
 * outbox relay and sweeper and the schema migrations inject {@link MongoDatabase} instead of each taking the
 * {@link MongoClient} and the database name and calling {@code getDatabase} themselves. The client stays injectable
 * where the whole server is meant ({@link StoreReadiness} pings {@code admin}). Found like {@code LatencyBuckets}: commons
 * is a bean archive ({@code META-INF/beans.xml}) and a class declaring a producer needs no scope of its own.
 */
public class ServiceDatabase {

    @Produces
    @Singleton
    MongoDatabase database(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String name) {
        return client.getDatabase(name);
    }
}
