package org.susong.techcontracts.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.Audit;
import org.susong.testing.AuditContract;
import org.susong.testing.LocalInfraTestResource;

/** Issue 12: the registry's audit endpoint names contracts broken by hand, and only auditors and admins read it. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AuditEndpointTest {

    static final AuditContract AUDIT = AuditContract.of("tech-contracts");

    @Test
    void a_counted_unregistered_contract_and_a_number_above_the_counter_are_breaches_and_an_overdue_review_waits() throws Exception {
        AUDIT.readOnlyByAuditorsAndAdmins("officer");

        String counted = "TC-AUDIT-" + UUID.randomUUID().toString().substring(0, 8);
        String overdue = counted + "-LATE";
        // serial 99,999,999 of 1999 in Xiamen's registry (3502): no counter ever issued it
        String number = "1999350299999999";
        MongoCollection<Document> contracts = AUDIT.collection("contracts");
        contracts.insertOne(new Document("_id", counted).append("status", "SUBMITTED").append("registrationNumber", number)
                .append("stats", new Document("year", 1999)));
        contracts.insertOne(new Document("_id", overdue).append("status", "SUBMITTED").append("submittedOn", "1999-01-04")
                .append("reviewDueOn", "1999-02-03"));
        try {
            Audit.Reading report = AUDIT.read("auditor");
            assertEquals(List.of(counted), report.breachIds("tech-contracts.statistics-count-registered").stream()
                    .filter(id -> id.startsWith(counted)).toList());
            assertEquals(List.of(number), report.breachIds("tech-contracts.serial-within-counter").stream()
                    .filter(number::equals).toList());
            assertEquals("SUBMITTED review due 1999-02-03 (OVERDUE)",
                    report.item("waiting", overdue).path("state").asText());
        } finally {
            contracts.deleteMany(Filters.in("_id", List.of(counted, overdue)));
        }
    }
}
