package org.susong.payments.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.Outbox;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 14 (canvas, Still missing): every query the processor's round and the bank files run over a collection has an
 * index whose leading keys are the query's equality fields (then its sort), read back from the store with
 * {@code listIndexes}: it fails when an index is dropped. On MongoDB (and the local store's ordered indexes) a step
 * then walks its state list instead of scanning and sorting the collection.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class IndexesTest {

    /** Per collection, the key lists (equality fields, then the sort) its queries need an index to start with. */
    static final Map<String, List<List<String>>> QUERIES = Map.of(
            OrderRepository.COLLECTION, List.of(
                    List.of("state", "createdAt", OrderRepository.ARRIVAL, "_id"), // every step's state list
                    List.of(OrderRepository.APPEAL_REJECTED), // the appeals step
                    List.of("batchId"), List.of("applicationId"), List.of("bankReference"), List.of("beneficiaryUscc"),
                    List.of(Outbox.FIELD + ".0"), // the relay's sweeper
                    // GET /payments (OrderListing): each list filter's equality, then the list's order (createdAt, _id);
                    // a date range alone (or no filter) walks createdAt
                    List.of("state", "createdAt", "_id"), List.of("budgetLine", "createdAt", "_id"),
                    List.of("district", "createdAt", "_id"), List.of("measureCode", "createdAt", "_id"),
                    List.of("createdAt", "_id")),
            "batches", List.of(List.of("state"), List.of("date", "budgetLine")),
            RecoveryRepository.COLLECTION, List.of(List.of("state"), List.of("beneficiaryUscc"), List.of(Outbox.FIELD + ".0")),
            WithdrawalRepository.COLLECTION, List.of(List.of("state"), List.of(Outbox.FIELD + ".0")),
            AllocationRepository.COLLECTION, List.of(List.of("state"), List.of("budgetLine"), List.of(Outbox.FIELD + ".0")),
            "payees", List.of(List.of("decisionId")),
            // the applicants that moved to an officer's district (issue 20 item 6: GET /payments and /recoveries read them)
            ApplicantRepository.DISTRICTS, List.of(List.of("district")),
            "bank_files", List.of(List.of("items.orderId")));

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void every_list_query_of_the_round_has_an_index_that_starts_with_its_fields() {
        List<String> missing = new ArrayList<>();
        QUERIES.forEach((collection, queries) -> {
            List<List<String>> indexes = new ArrayList<>();
            for (Document index : mongo.getDatabase(database).getCollection(collection).listIndexes()) {
                indexes.add(new ArrayList<>(index.get("key", Document.class).keySet()));
            }
            for (List<String> fields : queries) {
                if (indexes.stream().noneMatch(keys -> keys.size() >= fields.size()
                        && keys.subList(0, fields.size()).equals(fields))) {
                    missing.add(collection + " " + fields + " (has " + indexes + ")");
                }
            }
        });
        assertTrue(missing.isEmpty(), "queries without an index: " + missing);
    }
}
