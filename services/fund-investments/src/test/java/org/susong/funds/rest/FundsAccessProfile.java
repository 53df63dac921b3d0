package org.susong.funds.rest;

import java.util.HashMap;
import java.util.Map;
import org.susong.testing.OidcTestProfile;

/**
 * The service as in production (OIDC bearer tokens, no header stub: {@link OidcTestProfile}), with a
 * second approver required above 10,000,000 CNY, so the access and approval tests can invest on both
 * sides of the limit with the seeded funds (the plain test profile's limit is above every amount the
 * other tests invest).
 */
public class FundsAccessProfile extends OidcTestProfile {

    static final long SECOND_APPROVAL_ABOVE_FEN = 1_000_000_000L;
    /** A management fee above this waits for a second principal (the rule of {@code .../fees/{feeId}/approval}). */
    static final long FEE_SECOND_APPROVAL_ABOVE_FEN = 1_000L;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("susong.funds.second-approval-above-fen", String.valueOf(SECOND_APPROVAL_ABOVE_FEN));
        config.put("susong.funds.fee-second-approval-above-fen", String.valueOf(FEE_SECOND_APPROVAL_ABOVE_FEN));
        return config;
    }
}
