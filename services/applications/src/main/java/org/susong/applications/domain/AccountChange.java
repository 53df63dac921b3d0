package org.susong.applications.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A bank-account change under maker-checker: one officer requests it, a different officer approves
 * it, and it takes effect only after the cooling-off period (time for the applicant to object to a
 * change it did not ask for - a common payment-fraud pattern).
 */
public record AccountChange(String id, BankAccount account, String requestedBy, String requestedByUser, Instant requestedAt,
                            String approvedBy, Instant approvedAt, Instant effectiveAt) {

    /**
     * {@code requestedByUser} is the maker's principal id, compared whole with the checker's. A change stored before
     * the field existed has none ({@link #legacy}): its maker cannot be read reliably out of {@code requestedBy} (a
     * user id or role may hold the {@code ;} that joins the actor), so it is never approved - it is rejected and
     * requested again.
     */
    public boolean legacy() {
        return requestedByUser == null;
    }

    public boolean approved() {
        return approvedBy != null;
    }

    public boolean effectiveBy(Instant now) {
        return approved() && !effectiveAt.isAfter(now);
    }

    public AccountChange approve(String checker, String checkerUser, Instant now, Duration coolingOff) {
        if (approved()) {
            throw new InvalidInput("changeId", "change " + id + " is already approved");
        }
        if (legacy()) {
            throw new InvalidInput("changeId", "bank-account change " + id + " was stored before its maker's user id was"
                    + " recorded, so maker-checker cannot be verified: reject it and request it again");
        }
        if (requestedByUser.equals(checkerUser)) {
            throw new InvalidInput("approvedBy", "the officer who requested a bank-account change cannot approve it"
                    + " (maker-checker)");
        }
        Instant effective = now.plus(coolingOff);
        return new AccountChange(id, new BankAccount(account.accountName(), account.accountNumber(), account.bankCode(),
                account.bankName(), effective), requestedBy, requestedByUser, requestedAt, checker, now, effective);
    }
}
