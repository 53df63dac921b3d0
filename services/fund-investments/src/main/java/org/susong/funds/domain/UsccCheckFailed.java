package org.susong.funds.domain;

import org.susong.commons.ids.Uscc;

/** The check character of the enterprise's USCC does not match and no officer accepted it anyway. */
public class UsccCheckFailed extends InvestmentViolation {

    private final char expected;

    public UsccCheckFailed(Uscc uscc) {
        super("enterpriseUscc", "the check character of " + uscc + " should be '" + uscc.expectedCheckCharacter()
                + "' (GB 32100-2015); an officer may record the investment anyway with usccCheckOverrideReason");
        this.expected = uscc.expectedCheckCharacter();
    }

    public char expected() {
        return expected;
    }
}
