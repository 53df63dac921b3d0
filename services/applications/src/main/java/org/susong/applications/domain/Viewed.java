package org.susong.applications.domain;

import java.time.Instant;

/** Someone looked at an application. */
public record Viewed(String applicationId, String actor, Instant at) {
}
