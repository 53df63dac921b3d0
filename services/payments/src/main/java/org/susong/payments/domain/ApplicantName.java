package org.susong.payments.domain;

import java.time.Instant;

/**
 * An applicant's registered name after its last approved rename (applications' {@code ApplicantRenamed.v1}, issue 20
 * item 6), by which change, since when. Payments keeps the latest by {@code effectiveAt}.
 */
public record ApplicantName(String uscc, String name, String changeId, Instant effectiveAt) {
}
