package org.susong.applications.domain;

import java.time.Instant;
import java.util.Map;

/** One change of an applicant record: the version it produced, who, when, what (field: before -> after; account numbers masked). */
public record AuditEntry(long version, Instant at, String actor, String action, Map<String, String> changes) {

    public AuditEntry {
        changes = Map.copyOf(changes);
    }
}
