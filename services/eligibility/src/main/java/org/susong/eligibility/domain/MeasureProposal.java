package org.susong.eligibility.domain;

/**
 * A measure version proposed by one administrator and published only when a second one approves it
 * (maker-checker, issue 23). {@code state}: {@code PROPOSED}, then {@code PUBLISHED}; {@code basedOn} is the
 * version it follows (a version published meanwhile makes it stale); ids are principal ids (token subjects).
 */
public record MeasureProposal(String proposalId, String code, String state, int basedOn, String proposedBy,
                              String approvedBy, Measure definition) {
}
