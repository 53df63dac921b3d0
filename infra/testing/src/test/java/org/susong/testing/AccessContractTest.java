package org.susong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.testing.AccessContract.Case;
import org.susong.testing.AccessContract.Rule;

/**
 * Issue 13: a rule of one case passes nothing; every operation needs its no-token 401, a wrong role's 403 and its own
 * 2xx, or a reason.
 */
class AccessContractTest {

    static final Case NONE = new Case("no token", null, 401);
    static final Case WRONG_ROLE = new Case("auditor", "t-auditor", 403);
    static final Case OWN = new Case("officer", "t-officer", 200);

    @Test
    void a_rule_without_its_no_token_or_its_own_case_is_reported() {
        assertEquals(List.of("POST /things/{id}/approval: no case without a token answered 401",
                        "POST /things/{id}/approval: no case answered 2xx"),
                AccessContract.incomplete(List.of(Rule.of("POST /things/{id}/approval", WRONG_ROLE))));
        assertEquals(List.of("GET /things: no case answered 2xx"), AccessContract.incomplete(List.of(
                Rule.of("GET /things", NONE, WRONG_ROLE, new Case("officer", "t", 409)))));
        assertEquals(List.of("GET /things: no case with a token answered 403"),
                AccessContract.incomplete(List.of(Rule.of("GET /things", NONE, OWN))));
        // a 401 with a token (an expired one) is not the no-token case
        assertEquals(List.of("GET /things: no case without a token answered 401"), AccessContract.incomplete(List.of(
                Rule.of("GET /things", new Case("expired", "t", 401), WRONG_ROLE, OWN))));
    }

    @Test
    void the_cases_of_an_operation_count_across_its_rules() {
        assertEquals(List.of(), AccessContract.incomplete(List.of(
                Rule.of("POST /things", "/things", "{}", NONE, WRONG_ROLE),
                Rule.of("POST /things", "/things", "{\"other\":1}", OWN),
                Rule.of("GET /things", NONE, OWN, WRONG_ROLE))));
    }

    @Test
    void an_exemption_says_why() {
        assertEquals(List.of(), AccessContract.incomplete(List.of(Rule.of("GET /probe", new Case("no token", null, 503))
                .exempt401("a @PermitAll probe").exempt403("it refuses no role").exempt2xx("it always answers 503"))));
        assertThrows(IllegalArgumentException.class, () -> Rule.of("GET /probe", OWN).exempt2xx(" "));
    }
}
