package org.susong.funds.domain;

import java.time.Instant;

/**
 * A raise of a sub-fund's target size waiting for a second administrator (maker-checker, issue 23):
 * the absolute target asked for and who asked (a principal id, never parts of an actor string).
 */
public record PendingTarget(String id, long targetSizeFen, String requestedBy, Instant requestedAt) {
}
