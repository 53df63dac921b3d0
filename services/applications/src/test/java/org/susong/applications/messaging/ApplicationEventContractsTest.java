package org.susong.applications.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.susong.contracts.EventContracts;

/** The examples this service publishes in event-contracts conform to their schemas (consumers test against them). */
class ApplicationEventContractsTest {

    @ParameterizedTest
    @ValueSource(strings = {"susong.applications.ApplicationSubmitted.v1", "susong.applications.WithdrawalRequested.v1",
            "susong.applications.ApplicationAppealed.v1", "susong.applications.PayeeAccountSnapshotted.v1",
            "susong.applications.ApplicantRenamed.v1", "susong.applications.ApplicantDistrictChanged.v1"})
    void examples_conform(String type) {
        assertEquals(List.of(), EventContracts.violations(type, EventContracts.example(type)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"applicationId\":\"APP-1\",\"decisionId\":\"D-APP-1\",\"applicantUscc\":\"91350200MA31G8Q17K\","
            + "\"accountName\":\"Co\",\"accountNumber\":\"12AB\",\"bankCode\":\"105393000015\",\"snapshottedAt\":\"2026-11-29T08:15:33Z\"}",
            "{\"applicationId\":\"APP-1\",\"decisionId\":\"D-APP-1\",\"applicantUscc\":\"91350200MA31G8Q17K\","
            + "\"accountName\":\"Co\",\"accountNumber\":\"35150198010100001234\",\"bankCode\":\"10539300001\","
            + "\"snapshottedAt\":\"2026-11-29T08:15:33Z\"}"})
    void a_payee_snapshot_without_digits_or_a_twelve_digit_bank_code_is_refused(String payload) {
        assertFalse(EventContracts.violations("susong.applications.PayeeAccountSnapshotted.v1", payload).isEmpty());
    }

    static final String SNAPSHOT_HEAD = "{\"applicationId\":\"APP-1\",\"decisionId\":\"D-APP-1\",\"applicantUscc\":\"91350200MA31G8Q17K\","
            + "\"accountName\":\"Co\",\"bankCode\":\"105393000015\",\"snapshottedAt\":\"2026-11-29T08:15:33Z\"";
    static final String SEALED = ",\"accountNumberSealed\":\"env1:dev1:AAAA:BBBB\",\"accountNumberMasked\":\"****************1234\"";

    /** Issue 23 item 11: snapshots already on the topic (plaintext, kept forever) still conform; new ones are sealed. */
    @org.junit.jupiter.api.Test
    void a_snapshot_carries_the_sealed_number_or_for_old_ones_the_plaintext_number_never_both_nor_neither() {
        assertEquals(List.of(), EventContracts.violations("susong.applications.PayeeAccountSnapshotted.v1",
                SNAPSHOT_HEAD + ",\"accountNumber\":\"35150198010100001234\"}"));
        assertEquals(List.of(), EventContracts.violations("susong.applications.PayeeAccountSnapshotted.v1", SNAPSHOT_HEAD + SEALED + "}"));
        assertFalse(EventContracts.violations("susong.applications.PayeeAccountSnapshotted.v1",
                SNAPSHOT_HEAD + SEALED + ",\"accountNumber\":\"35150198010100001234\"}").isEmpty(), "both");
        assertFalse(EventContracts.violations("susong.applications.PayeeAccountSnapshotted.v1", SNAPSHOT_HEAD + "}").isEmpty(),
                "neither");
        assertFalse(EventContracts.violations("susong.applications.PayeeAccountSnapshotted.v1",
                SNAPSHOT_HEAD + ",\"accountNumberSealed\":\"35150198010100001234\",\"accountNumberMasked\":\"****************1234\"}")
                .isEmpty(), "a plaintext number in the sealed field");
    }
}
