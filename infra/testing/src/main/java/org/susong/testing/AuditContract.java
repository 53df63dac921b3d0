package org.susong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.restassured.RestAssured;
import jakarta.enterprise.inject.spi.CDI;
import org.bson.Document;
import org.susong.infra.local.Audit;

/**
 * The one contract of every service's audit endpoint (commons' {@code org.susong.commons.audit.AuditResource}), for
 * the service's {@code @QuarkusTest}: the report read with given roles by the auditor's own client ({@link Audit}),
 * the endpoint's access rule (only auditors and admins read it, and the report names its service), and the service's
 * store, where a test breaks a rule by hand for the report to name.
 */
public final class AuditContract {

    private final String service;

    private AuditContract(String service) {
        this.service = service;
    }

    /** The contract of that service's endpoint; its store's database has the service's name. */
    public static AuditContract of(String service) {
        return new AuditContract(service);
    }

    /** The service's audit report as read with these roles by the auditor's own client. */
    public Audit.Reading read(String roles) throws Exception {
        return Audit.read("http://localhost:" + RestAssured.port, roles);
    }

    /** Another role than auditor or admin is refused (403); an admin reads this service's report. */
    public void readOnlyByAuditorsAndAdmins(String refusedRole) throws Exception {
        assertEquals(403, read(refusedRole).status(), refusedRole + " may not read the audit report");
        assertEquals(service, read("admin").report().path("service").asText());
    }

    /** A collection of the service's store, through the service's own client. */
    public MongoCollection<Document> collection(String name) {
        return CDI.current().select(MongoClient.class).get().getDatabase(service).getCollection(name);
    }
}
