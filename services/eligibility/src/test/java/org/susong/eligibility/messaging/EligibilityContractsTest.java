package org.susong.eligibility.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.susong.contracts.EventContracts;
import org.susong.testing.LocalInfraTestResource;

/**
 * The examples this service publishes in event-contracts satisfy their own schemas (consumers test
 * against them). A Quarkus test so that event-contracts is read from the workspace, not from a jar
 * another checkout may have installed in ~/.m2 meanwhile.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class EligibilityContractsTest {

    @ParameterizedTest
    @ValueSource(strings = {"MeasurePublished", "EligibilityDecided", "AwardProposed", "RevocationRequested", "CallOpened"})
    void each_example_satisfies_its_schema(String event) {
        String type = "susong.eligibility." + event + ".v1";
        assertEquals(List.of(), EventContracts.violations(type, EventContracts.example(type)));
    }
}
