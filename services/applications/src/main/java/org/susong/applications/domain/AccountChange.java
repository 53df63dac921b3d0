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
     * the field existed has none: it falls back to the user read out of {@code requestedBy} ({@link #userOf}).
     */
    public AccountChange {
        if (requestedByUser == null && requestedBy != null) {
            requestedByUser = userOf(requestedBy);
        }
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
        if (requestedByUser.equals(checkerUser)) {
            throw new InvalidInput("approvedBy", "the officer who requested a bank-account change cannot approve it"
                    + " (maker-checker)");
        }
        Instant effective = now.plus(coolingOff);
        return new AccountChange(id, new BankAccount(account.accountName(), account.accountNumber(), account.bankCode(),
                account.bankName(), effective), requestedBy, requestedByUser, requestedAt, checker, now, effective);
    }

    /**
     * Migration default only (changes stored before {@code requestedByUser}): the user part of an actor string
     * {@code user;roles;district;actingFor}, read from the right. Wrong when a role or claim holds a {@code ;}, which
     * is why new changes store the maker's id.
     */
    static String userOf(String actor) {
        int end = actor.length();
        for (int field = 0; field < 3; field++) {
            end = end == 0 ? -1 : actor.lastIndexOf(';', end - 1);
            if (end < 0) {
                return actor; // not a joined actor: a bare user id
            }
        }
        return actor.substring(0, end);
    }
}
