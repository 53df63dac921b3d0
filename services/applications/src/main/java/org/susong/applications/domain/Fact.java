package org.susong.applications.domain;

import java.time.Instant;

/**
 * Something another service said about an application, kept once by its event id: the timeline
 * is the list of facts, and the status follows from them.
 *
 * @param eventId   the CloudEvents id, which makes receiving the same fact twice harmless
 * @param kind      what happened, e.g. {@code DECIDED_APPROVED}, {@code PAYMENT_DISBURSED}
 * @param status    the status this fact establishes
 * @param at        when it happened
 * @param actor     who acted
 * @param detail    a line for people reading the timeline
 */
public record Fact(String eventId, String kind, ApplicationStatus status, Instant at, String actor, String detail) {
}
