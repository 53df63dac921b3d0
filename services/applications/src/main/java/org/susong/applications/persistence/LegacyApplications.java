package org.susong.applications.persistence;

import jakarta.enterprise.context.ApplicationScoped;

/** Application documents written before {@code createdAt} and {@code openSlot} existed (seam: not migrated yet). */
@ApplicationScoped
public class LegacyApplications {

    /** @return how many documents were migrated */
    public long migrate() {
        return 0;
    }
}
