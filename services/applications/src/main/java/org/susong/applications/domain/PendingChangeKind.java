package org.susong.applications.domain;

/** A change of an applicant that waits for a second person: its bank account, or its registered name or district. */
public enum PendingChangeKind {
    /** A bank-account change awaiting its checker, or approved and in its cooling-off. */
    BANK_ACCOUNT,
    /** A new registered name or district awaiting its checker. */
    REGISTRATION
}
