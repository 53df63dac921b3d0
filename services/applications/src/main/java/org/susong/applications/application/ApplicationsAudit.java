package org.susong.applications.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.AuditReads;
import org.susong.commons.audit.AuditReport;
import org.susong.commons.audit.ServiceAudit;
import org.susong.commons.audit.AuditReport.Checker;

/**
 * The applications part of the audit (issue 12): each accepted application's stored status is the one
 * its timeline derives, and every application not in an end state is listed in progress with its
 * status, its age and the decision of its current round. Whether it is visibly waiting (notice,
 * approval, budget, review, objection) only the owning services know: the auditor joins the lists.
 */
@ApplicationScoped
public class ApplicationsAudit implements ServiceAudit {

    /** Nothing follows these unless someone acts anew (an appeal of a rejection opens a new round). */
    public static final Set<ApplicationStatus> END = EnumSet.of(ApplicationStatus.PAID, ApplicationStatus.CONVERTED,
            ApplicationStatus.WITHDRAWN, ApplicationStatus.CLOSED, ApplicationStatus.REJECTED);

    private final AuditReads reads;
    private final Clock clock;

    ApplicationsAudit(AuditReads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public AuditReport report() {
        Instant now = clock.instant();
        Checker derived = new Checker("applications.status-matches-timeline",
                "every accepted application's document is readable and its stored status equals the status its"
                        + " timeline of facts derives");
        List<AuditReport.Item> open = new ArrayList<>();
        reads.accepted((application, stored) -> {
            ApplicationStatus status = application.status();
            derived.expect(status.name().equals(stored), application.id(), "stored " + stored + ", timeline says " + status);
            if (!END.contains(status)) {
                open.add(new AuditReport.Item(application.id(), application.id(), status.name(),
                        AuditReport.age(since(application, status), now), currentDecision(application)));
            }
        }, (id, reason) -> derived.expect(false, id, "not readable as an application: " + reason));
        return new AuditReport("applications", now, 0, List.of(derived.done()), List.of(), open, List.of());
    }

    /** When the application entered its status: the latest fact that establishes it. */
    private static Instant since(Application a, ApplicationStatus status) {
        return a.timeline().stream().filter(f -> f.status() == status).map(Fact::at).max(Instant::compareTo)
                .orElse(a.createdAt());
    }

    /** The decision of the round the application is in, if it has arrived. */
    private static String currentDecision(Application a) {
        return a.latestDecisionId().filter(d -> Fact.roundOf(d) == a.round()).orElse(null);
    }
}
