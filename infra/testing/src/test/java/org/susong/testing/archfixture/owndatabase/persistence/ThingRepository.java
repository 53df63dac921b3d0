package org.susong.testing.archfixture.owndatabase.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Fixture: a repository that picks its database itself instead of injecting the service's MongoDatabase - refused. */
public class ThingRepository {

    private final MongoCollection<Document> things;
    private final int pageSize;

    ThingRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                    @ConfigProperty(name = "thing.page-size", defaultValue = "50") int pageSize) {
        this.things = mongo.getDatabase(database).getCollection("things");
        this.pageSize = pageSize;
    }

    public long count() {
        return things.countDocuments() / pageSize;
    }
}
