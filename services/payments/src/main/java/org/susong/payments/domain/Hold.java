package org.susong.payments.domain;

import java.time.Instant;

/** Why an order is on hold, who caused it, and the state it returns to when the hold is dismissed. */
public record Hold(String id, String reason, String by, Instant at, OrderState from) {
}
