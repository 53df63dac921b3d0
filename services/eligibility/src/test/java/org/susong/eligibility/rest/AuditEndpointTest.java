package org.susong.eligibility.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Issue 12: eligibility's audit endpoint names cap ledgers broken by hand, and only auditors and admins read it. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AuditEndpointTest {

    static final AuditContract AUDIT = AuditContract.of("eligibility");

    @Test
    void a_cap_above_its_limit_and_a_cap_that_is_not_the_sum_of_its_shares_are_breaches() throws Exception {
        AUDIT.readOnlyByAuditorsAndAdmins("officer");

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String over = "CAP|AUDIT|" + suffix + "|OVER";
        String unequal = "CAP|AUDIT|" + suffix + "|UNEQUAL";
        MongoCollection<Document> caps = AUDIT.collection("cap_ledgers");
        // B3b's cap (1,000,000 CNY per enterprise and year, docs/policy.md) overrun by a share of 1,200,000 CNY
        caps.insertOne(cap(over, 100_000_000L, 120_000_000L, 120_000_000L));
        caps.insertOne(cap(unequal, 100_000_000L, 50_000_000L, 40_000_000L));
        try {
            Audit.Reading report = AUDIT.read("auditor");
            assertEquals(List.of(over), report.breachIds("eligibility.cap-within-limit").stream()
                    .filter(id -> id.contains(suffix)).toList());
            assertEquals(List.of(unequal), report.breachIds("eligibility.cap-equals-shares").stream()
                    .filter(id -> id.contains(suffix)).toList());
        } finally {
            caps.deleteMany(Filters.in("_id", List.of(over, unequal)));
        }
        assertTrue(AUDIT.read("auditor").breachIds("eligibility.cap-within-limit").stream().noneMatch(id -> id.contains(suffix)));
    }

    static Document cap(String key, long limitFen, long usedFen, long shareFen) {
        return new Document("_id", key).append("kind", "CAP").append("limitFen", limitFen).append("usedFen", usedFen)
                .append("consumers", new Document("D-AUDIT-" + key.hashCode(), new Document("fen", shareFen)))
                .append("applied", List.of());
    }
}
