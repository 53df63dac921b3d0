package org.susong.techcontracts.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.ListContract;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 24, one way to list: every list of the service answers the commons envelope, takes limit and cursor,
 * refuses limit=201 and a query parameter it does not know, naming it ({@link ListContract}).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class ListContractTest {

    @Test
    void every_list_takes_the_envelope_parameters_and_refuses_an_unknown_one() {
        List<String> checked = ListContract.check(RestAssured.port, "org.susong.techcontracts", Map.of());
        assertFalse(checked.isEmpty(), "lists checked: " + checked);
    }
}
