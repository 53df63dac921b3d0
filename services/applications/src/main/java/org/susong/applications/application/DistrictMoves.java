package org.susong.applications.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.susong.applications.domain.Application;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.TransientFailure;

/**
 * Moves an applicant's open applications to its new district (issue 20 item 6). Access to an application is decided by
 * the application's own {@code district} (a district officer sees and acts on its district's applications), so a
 * district change must rewrite that field on every application that is not settled. Many documents, no transaction:
 * the approval's single write of the applicant stores the new district, its {@code ApplicantDistrictChanged} and the
 * intent ({@link ApplicantRepository#DISTRICT_MOVE}: change id, from, to, actor) together; then each application is
 * one guarded write of its own (its version; a fact {@code district-move:<changeId>} recorded once); the intent is
 * forgotten last. A crash anywhere in between leaves the intent, and {@link #resumeAll} (the follow-up sweep, every
 * replica) runs the same idempotent step again: an application already moved is no longer in the old district.
 *
 * <p>A submission racing the move reads the applicant's district, then inserts; the move writes the applicant, then
 * reads the applications. So the filing side looks again after its insert ({@link #afterFiling}): whichever of the two
 * comes second sees the other.
 */
@ApplicationScoped
public class DistrictMoves {

    private static final Logger LOG = Logger.getLogger(DistrictMoves.class);
    /** Lost races in a row on one application before the step is left to the resumer. */
    static final int ATTEMPTS = 5;

    private final ApplicantRepository applicants;
    private final ApplicationRepository applications;
    private final LifecycleService lifecycle;
    private final Clock clock;

    DistrictMoves(ApplicantRepository applicants, ApplicationRepository applications, LifecycleService lifecycle,
                  Clock clock) {
        this.applicants = applicants;
        this.applications = applications;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** The intent of a move, as kept on the applicant. */
    static ApplicantRepository.DistrictMove intent(String changeId, District from, District to, String actor) {
        return new ApplicantRepository.DistrictMove(changeId, from, to, actor);
    }

    /**
     * Finishes the applicant's unfinished move, if it has one: moves each of its applications still in the old district
     * and not settled, then forgets the intent. Idempotent; a failure leaves the intent for the next round.
     */
    public void finish(String uscc) {
        Optional<ApplicantRepository.DistrictMove> intent = applicants.districtMove(uscc);
        if (intent.isEmpty()) {
            return;
        }
        String changeId = intent.get().changeId();
        District from = intent.get().from();
        District to = intent.get().to();
        String actor = intent.get().actor();
        for (String id : applications.ofApplicantIn(uscc, from)) {
            move(id, from, to, changeId, actor);
        }
        applicants.districtMoveFinished(uscc, changeId);
    }

    /** The resumer: every applicant whose move a crash or a failure left unfinished. */
    void resumeAll() {
        for (String uscc : applicants.withDistrictMove()) {
            FollowUpSweep.attempt("district move of " + uscc, () -> finish(uscc));
        }
    }

    /**
     * After an application was inserted in {@code filedIn}, the district its applicant had when it was read: when the
     * applicant moved meanwhile (and its move may have looked for applications before this one existed), this one
     * follows it now.
     */
    void afterFiling(String applicationId, String uscc, District filedIn) {
        FollowUpSweep.attempt("district of the new application " + applicationId, () -> applicants.find(uscc)
                .filter(a -> a.district() != filedIn)
                .ifPresent(a -> move(applicationId, filedIn, a.district(), a.districtChangeId().orElse("unknown"),
                        LifecycleService.SYSTEM)));
    }

    private void move(String id, District from, District to, String changeId, String actor) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ApplicationRepository.Versioned> found = applications.find(id);
            if (found.isEmpty()) {
                return;
            }
            Application.Transition moved = found.get().application().moveDistrict(from, to, changeId, actor,
                    clock.instant());
            if (moved.application() == found.get().application()) {
                return; // settled, moved already, or in another district
            }
            try {
                lifecycle.persist(found.get(), moved, actor, "district-move:" + changeId);
                return;
            } catch (TransientFailure lost) {
                LOG.debugf("application %s changed while it was moved to %s; reading it again", id, to);
            }
        }
        throw new TransientFailure("application " + id + " changed " + ATTEMPTS + " times while it was moved to " + to
                + "; the resumer moves it");
    }
}
