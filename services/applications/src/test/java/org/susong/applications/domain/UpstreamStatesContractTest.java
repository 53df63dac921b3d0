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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The states this service reads from eligibility's events are enums here, equal to the event contracts' lists (the
 * stored and published texts are the names); a text the contract does not know is answered as before.
 */
class UpstreamStatesContractTest {

    static List<String> contractEnum(String schema, String field) throws Exception {
        try (InputStream in = UpstreamStatesContractTest.class.getResourceAsStream("/schemas/eligibility/" + schema)) {
            JsonNode node = new ObjectMapper().readTree(in);
            List<String> values = new ArrayList<>();
            node.at("/properties/" + field + "/enum").forEach(v -> values.add(v.asText()));
            assertFalse(values.isEmpty(), schema + " names no " + field);
            return values.stream().sorted().toList();
        }
    }

    @Test
    void every_measure_status_of_the_contract_is_known_and_no_other() throws Exception {
        assertEquals(contractEnum("MeasurePublished.v1.json", "status"),
                Arrays.stream(MeasureStatus.values()).map(Enum::name).sorted().toList());
    }

    @Test
    void only_an_open_measure_takes_applications_and_an_unknown_status_takes_none() {
        assertTrue(MeasureStatus.OPEN.takesApplications());
        assertFalse(MeasureStatus.CLOSED.takesApplications());
        assertFalse(MeasureStatus.INFORMATIONAL.takesApplications());
        assertEquals(Optional.empty(), MeasureStatus.of("SUSPENDED"));
        assertEquals(Optional.empty(), MeasureStatus.of("open")); // the text as published, not read in any case
        assertEquals(Optional.empty(), MeasureStatus.of(null));
    }

    @Test
    void every_decision_outcome_of_the_contract_is_known_and_no_other() throws Exception {
        assertEquals(contractEnum("EligibilityDecided.v1.json", "outcome"),
                Arrays.stream(DecisionOutcome.values()).map(Enum::name).sorted().toList());
    }

    @Test
    void a_decision_gives_its_status_under_its_fact_kind() {
        assertEquals(ApplicationStatus.APPROVED, DecisionOutcome.APPROVED.status());
        assertEquals(ApplicationStatus.REJECTED, DecisionOutcome.REJECTED.status());
        assertEquals(ApplicationStatus.UNDER_REVIEW, DecisionOutcome.REVIEW_REQUIRED.status());
        assertEquals("DECIDED_APPROVED", DecisionOutcome.APPROVED.factKind());
        assertEquals(FactKind.DECIDED_APPROVED.name(), DecisionOutcome.APPROVED.factKind());
        assertEquals("DECIDED_REVIEW_REQUIRED", DecisionOutcome.REVIEW_REQUIRED.factKind());
        assertEquals(Optional.empty(), DecisionOutcome.of("DEFERRED"));
        assertEquals(Optional.empty(), DecisionOutcome.of(null));
    }
}
