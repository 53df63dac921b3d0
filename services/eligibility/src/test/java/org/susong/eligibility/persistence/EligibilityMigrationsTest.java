package org.susong.eligibility.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.persistence.migrations.MigrationRunner;
import org.susong.commons.persistence.migrations.SchemaMigrations;
import org.susong.testing.LocalInfraTestResource;

/** Decisions stored before {@code judgedOn} existed get their business date at start-up (issue 21 item 6). */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class EligibilityMigrationsTest {

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @Inject
    SchemaMigrations schema;

    @Test
    void a_decision_stored_before_judged_on_existed_is_judged_on_its_business_date_after_the_start_up_migration() {
        MongoCollection<Document> decisions = mongo.getDatabase(database).getCollection(DecisionRepository.COLLECTION);
        String old = "D-OLD-" + UUID.randomUUID();
        String current = "D-NEW-" + UUID.randomUUID();
        decisions.insertOne(new Document("_id", old).append("applicationId", "APP-OLD").append("businessDate", "2026-03-02"));
        decisions.insertOne(new Document("_id", current).append("applicationId", "APP-NEW").append("businessDate", "2026-03-05")
                .append("judgedOn", "2026-02-27"));
        try {
            // a store of a build before the runner: nothing recorded
            mongo.getDatabase(database).getCollection(MigrationRunner.COLLECTION)
                    .deleteOne(Filters.eq("_id", "0001-decision-judged-on"));
            assertEquals(List.of("0001-decision-judged-on"), schema.run().ran());
            assertEquals(List.of(), schema.run().ran(), "a second start runs nothing");
            assertEquals(0, EligibilityMigrations.decisionJudgedOn(mongo.getDatabase(database)),
                    "the step run again (a crash before it was recorded) changes nothing");

            assertEquals(LocalDate.parse("2026-03-02"), DecisionRepository.judgedOn(decisions.find(Filters.eq("_id", old)).first()));
            assertEquals(LocalDate.parse("2026-02-27"), DecisionRepository.judgedOn(decisions.find(Filters.eq("_id", current)).first()),
                    "a decision that has its own judgedOn keeps it");
            assertEquals(2, mongo.getDatabase(database).getCollection(MigrationRunner.COLLECTION)
                    .find(Filters.eq("_id", "format:decisions")).first().getInteger("formatVersion"));
        } finally {
            decisions.deleteMany(Filters.in("_id", old, current)); // the audit report reads every decision
        }
    }
}
