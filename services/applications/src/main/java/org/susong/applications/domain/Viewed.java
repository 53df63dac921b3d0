package org.susong.applications.domain;

import java.time.Instant;

/** Someone looked at an application ({@code id}: the record's, null before it is stored). */
public record Viewed(String id, String applicationId, String actor, Instant at) {

    public Viewed(String applicationId, String actor, Instant at) {
        this(null, applicationId, actor, at);
    }
}
