package org.susong.applications.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payments' release reasons, read from its event contract (applications does not depend on payments'
 * code): each one is mapped here, and each that does not name a later decision ends the application.
 */
class ReleaseReasonContractTest {

    static List<String> contractReasons() throws Exception {
        try (InputStream in = ReleaseReasonContractTest.class.getResourceAsStream("/schemas/payments/BudgetReleased.v1.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            List<String> reasons = new ArrayList<>();
            schema.at("/properties/reason/enum").forEach(r -> reasons.add(r.asText()));
            return reasons;
        }
    }

    @Test
    void every_release_reason_of_the_contract_is_mapped_and_no_other() throws Exception {
        List<String> reasons = contractReasons();
        assertFalse(reasons.isEmpty());
        for (String reason : reasons) {
            assertTrue(ReleaseReason.of(reason).isPresent(), "payments releases for " + reason + "; applications does not map it");
        }
        assertEquals(reasons.stream().sorted().toList(), Arrays.stream(ReleaseReason.values()).map(Enum::name).sorted().toList());
    }

    @Test
    void a_release_that_names_no_later_decision_ends_the_application() {
        for (ReleaseReason reason : ReleaseReason.values()) {
            if (reason != ReleaseReason.APPEAL_REJECTED && reason != ReleaseReason.SUPERSEDED) {
                assertFalse(reason.status().orElseThrow().open(), reason + " must free the duplicate slot");
            }
        }
    }
}
