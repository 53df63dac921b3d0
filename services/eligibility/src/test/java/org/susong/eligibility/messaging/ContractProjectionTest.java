package org.susong.eligibility.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.persistence.RegisteredContract;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 16 item 3 (B3b, 经认定登记的技术合同): eligibility keeps a projection of the technology-contract
 * registry from tech-contracts' events, through the real broker - registered, amended (the amount after),
 * cancelled - one document per registration number in {@code tech_contracts}.
 */
@QuarkusTest
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
class ContractProjectionTest {

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    Document contract(String number) {
        return mongo.getDatabase(database).getCollection("tech_contracts").find(Filters.eq("_id", number)).first();
    }

    @Test
    void the_registry_projection_follows_registration_amendment_and_cancellation() throws Exception {
        String contractId = "TC-P" + UUID.randomUUID().toString().substring(0, 12);
        String seller = AwardsAndAppealsTest.uscc();
        ObjectNode registered = (ObjectNode) AwardsAndAppealsTest.JSON.readTree(
                AwardsAndAppealsTest.registered(contractId, seller, 210_000_000L));
        String number = registered.get("registrationNumber").asText();
        AwardsAndAppealsTest.send("tech-contracts.events", UUID.randomUUID().toString(), AwardsAndAppealsTest.REGISTERED,
                contractId, registered.toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertNotNull(contract(number)));
        Document c = contract(number);
        assertEquals("REGISTERED", c.getString("state"));
        assertEquals(contractId, c.getString("contractId"));
        assertEquals(seller, c.getString("sellerUscc"));
        assertEquals(210_000_000L, c.get("technicalTransactionAmountFen", Number.class).longValue());
        assertEquals(registered.get("registeredOn").asText(), c.getString("registeredOn"));

        ObjectNode amended = (ObjectNode) AwardsAndAppealsTest.JSON.readTree(
                EventContracts.example("susong.tech-contracts.ContractAmended.v1"));
        amended.put("contractId", contractId).put("registrationNumber", number);
        ((ObjectNode) amended.get("after")).put("technicalTransactionAmountFen", 150_000_000L);
        ((ObjectNode) amended.get("after").get("seller")).put("uscc", seller);
        AwardsAndAppealsTest.send("tech-contracts.events", UUID.randomUUID().toString(),
                "susong.tech-contracts.ContractAmended.v1", contractId, amended.toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(150_000_000L,
                RegisteredContract.fromMap(contract(number)).currentFen(), "the amount after amendment 1"));
        assertEquals(210_000_000L, contract(number).get("technicalTransactionAmountFen", Number.class).longValue(),
                "the amount as registered is kept beside the amendments");

        ObjectNode cancelled = (ObjectNode) AwardsAndAppealsTest.JSON.readTree(
                EventContracts.example("susong.tech-contracts.ContractCancelled.v1"));
        cancelled.put("contractId", contractId).put("registrationNumber", number);
        AwardsAndAppealsTest.send("tech-contracts.events", UUID.randomUUID().toString(),
                "susong.tech-contracts.ContractCancelled.v1", contractId, cancelled.toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("CANCELLED",
                contract(number).getString("state")));
    }
}
