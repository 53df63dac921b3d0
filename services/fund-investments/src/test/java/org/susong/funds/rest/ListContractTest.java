package org.susong.funds.rest;

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
}
