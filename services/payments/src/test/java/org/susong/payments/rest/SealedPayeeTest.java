package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.prowidesoftware.swift.model.mx.MxPain00100109;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.security.FieldCipher;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;

/**
 * Issue 23 item 11: applications seals the payee's account number for the topic (kept forever); payments opens it with
 * the configured keys, keeps it sealed at rest and opens it only for the bank file and the approvers' view. A sealed
 * number that does not open is a poison record: dead-lettered with its reason, and no plaintext in the dead letter.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class SealedPayeeTest {

    /** The development key {@code dev1} of the local, dev and test profiles (application.properties of both services). */
    static final String DEV_KEY = "zU3e2iBb03VFDOBm9ASQ+geo7MDabjweXxyhARo4XPI=";
    static final String NUMBER = "6222020200998877665";

    @Inject
    OrderService orders;
    @Inject
    MongoClient mongo;

    static FieldCipher applications() {
        return FieldCipher.fromBase64(Map.of("dev1", DEV_KEY), "dev1");
    }

    static void sealedPayee(String app, String sealed) {
        Fixtures.publish("applications.events", "susong.applications.PayeeAccountSnapshotted.v1", app,
                "{\"applicationId\":\"" + app + "\",\"decisionId\":\"D-" + app + "\",\"applicantUscc\":\"" + Fixtures.USCC
                        + "\",\"accountName\":\"Xiamen Test Co., Ltd.\",\"accountNumberSealed\":\"" + sealed
                        + "\",\"accountNumberMasked\":\"***************7665\",\"bankCode\":\"102393000019\","
                        + "\"bankName\":\"ICBC Xiamen\",\"snapshottedAt\":\"2026-06-15T02:00:01Z\"}");
    }

    @Test
    void a_sealed_payee_number_is_opened_and_the_bank_file_pays_the_plaintext_account_while_the_store_keeps_it_sealed() {
        String app = Fixtures.app("APP-SEAL");
        Fixtures.decide(app, "B1", 2024, 1_200_000);
        sealedPayee(app, applications().seal(NUMBER));
        String orderId = "PO-D-" + app;
        await().atMost(Duration.ofSeconds(30)).until(() -> orders.find(orderId).map(o -> o.state() == OrderState.SETTLED)
                .orElse(false));
        String batchId = orders.find(orderId).orElseThrow().batchId();
        byte[] file = Fixtures.officer("finance-1").get("/batches/" + batchId + "/file").then().statusCode(200).extract()
                .asByteArray();
        String account = MxPain00100109.parse(new String(file, StandardCharsets.UTF_8)).getCstmrCdtTrfInitn().getPmtInf().get(0)
                .getCdtTrfTxInf().stream().filter(tx -> orderId.equals(tx.getPmtId().getEndToEndId())).findFirst().orElseThrow()
                .getCdtrAcct().getId().getOthr().getId();
        assertEquals(NUMBER, account, "the bank is told the account itself");
        Fixtures.officer("finance-1").get("/payments/" + orderId).then().statusCode(200)
                .body("payee.accountNumber", org.hamcrest.Matchers.equalTo(NUMBER));

        var db = mongo.getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class));
        Document payee = db.getCollection("payees").find(Filters.eq("decisionId", "D-" + app)).first();
        Document order = db.getCollection("payment_orders").find(Filters.eq("_id", orderId)).first();
        assertFalse(payee.toJson().contains(NUMBER), "sealed at rest: " + payee.toJson());
        assertFalse(order.toJson().contains(NUMBER), "sealed at rest: " + order.toJson());
    }

    @Test
    void a_tampered_sealed_number_or_one_under_an_unknown_key_is_dead_lettered_without_plaintext() {
        String sealed = applications().seal(NUMBER);
        char c = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (c == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        String unknownKey = FieldCipher.fromBase64(Map.of("k9", Base64.getEncoder().encodeToString(other)), "k9").seal(NUMBER);
        for (String bad : List.of(tampered, unknownKey)) {
            String app = Fixtures.app("APP-SEALX");
            Fixtures.decide(app, "B1", 2024, 1_300_000);
            sealedPayee(app, bad);
            ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> Fixtures.kafka().consumeStrings().fromTopics("payments.dlq").awaitRecords(1, Duration.ofSeconds(3))
                            .getRecords().stream().filter(r -> app.equals(r.key())).findFirst().orElse(null),
                            java.util.Objects::nonNull);
            String reason = CloudEventRecords.header(dead, "dead-letter-reason");
            assertTrue(reason.contains("accountNumberSealed") && reason.contains("cannot be opened"), reason);
            assertFalse(dead.value().contains(NUMBER), dead.value());
            for (Header h : dead.headers()) {
                assertFalse(new String(h.value(), StandardCharsets.UTF_8).contains(NUMBER), h.key());
            }
            // after its notice the order waits for a payee: the refused snapshot is not held (with it, it would go on)
            await().atMost(Duration.ofSeconds(30)).until(() -> orders.find("PO-D-" + app)
                    .map(o -> o.state() == OrderState.AWAITING_PAYEE).orElse(false));
            assertEquals(0, mongo.getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class))
                    .getCollection("payees").countDocuments(Filters.eq("decisionId", "D-" + app)), "nothing kept to pay to");
        }
    }
}
