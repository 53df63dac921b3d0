package org.susong.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service's {@link ListContract} test. The service's test is the subclass in its {@code rest} package, started as its
 * other tests are, each exchange also checked against the service's OpenAPI document ({@link ContractValidation}, named
 * on the subclass after {@code @QuarkusTest}: an extension of a superclass would run before Quarkus's, before the
 * service's port is known):
 * <pre>
 * &#64;QuarkusTest
 * &#64;ExtendWith(ContractValidation.class)
 * &#64;WithTestResource(LocalInfraTestResource.class)
 * class ListContractTest extends ListContractTestBase {
 * }
 * </pre>
 * The lists checked are those of the service's base package, the subclass's package without its last segment
 * ({@code org.susong.payments.rest}: {@code org.susong.payments}).
 */
public abstract class ListContractTestBase {

    /** Query parameters a list cannot be called without, by path template: none unless a service says so. */
    protected Map<String, Map<String, String>> required() {
        return Map.of();
    }

    @Test
    public void every_list_takes_the_envelope_parameters_and_refuses_an_unknown_one() {
        String own = getClass().getPackageName();
        List<String> checked = ListContract.check(RestAssured.port, own.substring(0, own.lastIndexOf('.')), required());
        assertFalse(checked.isEmpty(), "lists checked: " + checked);
    }
}
