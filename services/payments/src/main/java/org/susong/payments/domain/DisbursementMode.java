package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * How a payment order pays ({@link PaymentOrder#mode()}), stored and shown by its name: GRANT (a bank transfer to the
 * beneficiary) or INVESTMENT (grant-to-investment, 拨改投: a conversion into a fund investment, C1).
 */
public enum DisbursementMode implements Transitions<DisbursementMode> {
    GRANT,
    INVESTMENT;

    @Override
    public Set<DisbursementMode> next() {
        // a conversion the fund rejected is paid as a grant (fallback GRANT, or a hold dismissed): never the other way
        return this == INVESTMENT ? EnumSet.of(GRANT) : EnumSet.noneOf(DisbursementMode.class);
    }
}
