package org.susong.applications.rest;

import java.util.Map;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.ListContractTestBase;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 24, one way to list: every list of the service answers the commons envelope, takes limit and cursor,
 * refuses limit=201 and a query parameter it does not know, naming it ({@link ListContractTestBase}).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class ListContractTest extends ListContractTestBase {

    /** The officers' queue of applicant changes names which queue (issue 18). */
    @Override
    protected Map<String, Map<String, String>> required() {
        return Map.of("/applicants/pending-changes", Map.of("kind", "BANK_ACCOUNT"));
    }
}
