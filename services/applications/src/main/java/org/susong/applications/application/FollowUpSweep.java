package org.susong.applications.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.applications.persistence.PendingProposals;

/**
 * Finishes follow-up work whose trigger is already committed when the request that committed it
 * failed or died: award proposals waiting for an applicant that now has an effective bank account, and
 * approved applications waiting for a payee snapshot whose applicant now has an effective account. Without
 * it a retry of the request answers 409 (already registered, already approved) and nothing tries
 * again: an award that already took its cap never becomes an application, an order waits for its
 * payee forever. Both steps are idempotent (derived application ids, one snapshot per decision under
 * the application's version), so every replica may run the sweep.
 */
@ApplicationScoped
public class FollowUpSweep {

    private static final Logger LOG = Logger.getLogger(FollowUpSweep.class);
    /** Registered beneficiaries whose waiting proposals one round releases. */
    static final int BATCH = 500;

    private final PendingProposals pendingProposals;
    private final ApplicationRepository applications;
    private final ApplicantRepository applicants;
    private final ApplicationService applicationService;
    private final LifecycleService lifecycle;
    private final DistrictMoves districtMoves;
    private final Clock clock;

    FollowUpSweep(PendingProposals pendingProposals, ApplicationRepository applications, ApplicantRepository applicants,
                  ApplicationService applicationService, LifecycleService lifecycle, DistrictMoves districtMoves,
                  Clock clock) {
        this.pendingProposals = pendingProposals;
        this.applications = applications;
        this.applicants = applicants;
        this.applicationService = applicationService;
        this.lifecycle = lifecycle;
        this.districtMoves = districtMoves;
        this.clock = clock;
    }

    @Scheduled(every = "${susong.applications.follow-up.sweep-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        districtMoves.resumeAll(); // district moves a crash or a failure left unfinished (issue 20 item 6)
        int released = 0;
        for (String uscc : pendingProposals.waitingBeneficiaries()) {
            if (released == BATCH) {
                break; // the next round goes on
            }
            if (payable(uscc)) {
                // counted among the payable only, so those that never register (or never get an account) cannot
                // starve one that did
                released++;
                attempt("waiting award proposals of " + uscc, () -> applicationService.releaseWaitingProposals(uscc));
            }
        }
        java.util.Set<String> payees = new java.util.LinkedHashSet<>(applications.applicantsAwaitingPayee());
        payees.addAll(applications.applicantsWithReturnedPayments()); // a corrected account for a returned payment
        for (String uscc : payees) {
            if (payable(uscc)) {
                attempt("waiting payee snapshots of " + uscc, () -> lifecycle.snapshotWaitingPayees(uscc));
            }
        }
    }

    /** Registered with an effective bank account under its registered name, saved as such first when its change is due ({@link EffectiveAccount}). */
    private boolean payable(String uscc) {
        return EffectiveAccount.saved(applicants, uscc, clock.instant()).map(a -> a.payableAccount() != null).orElse(false);
    }

    /** Follow-up work after a committed write: done now if it can, else logged and left to the next sweep. */
    static void attempt(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf("follow-up: %s not finished; the follow-up sweep retries it: %s", what, e.getMessage());
        }
    }
}
