package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.susong.commons.ids.District;
import org.susong.eligibility.persistence.ApplicantDistrictRepository;
import org.susong.eligibility.persistence.ApplicantDistrictRepository.Moved;
import org.susong.eligibility.persistence.DecisionRepository;

/**
 * An applicant's approved district change (applications' {@code ApplicantDistrictChanged.v1}, issue 20 item 6) moves
 * its work in eligibility to the new district's officers, as applications moves the applicant's applications that are
 * not settled. Every open review of an applicant that moved (a decision or an appeal waiting for an officer) belongs to
 * an application that is not settled, so it belongs to the district the applicant is in now:
 * <ul>
 *   <li>the change moves the applicant's open reviews in other districts to it ({@link #changed});</li>
 *   <li>a submission or an appeal decided after the change is decided in it ({@link #districtFor}), also one made
 *       before the change (the applicant's events and the application's are keyed differently, so not ordered);</li>
 *   <li>a submission decided while the change is taken in (two replicas) is looked at again after its write
 *       ({@link #afterDeciding}, also on a retry that finds the decision written by an earlier attempt): the change
 *       writes the projection then moves, the decision writes then reads, so whichever comes second sees the other;
 *       every move reads the projection again after it and moves again while it changed ({@link #settle}).</li>
 * </ul>
 * Decided decisions keep the district they were decided in. The projection keeps the latest change by
 * {@code effectiveAt}; a redelivered or late older change changes nothing but moving open reviews to where the
 * applicant is now.
 */
@ApplicationScoped
public class ApplicantDistricts {

    private static final Logger LOG = Logger.getLogger(ApplicantDistricts.class);
    /** Reads of the projection after a move before the move is left to the next change's handling. */
    static final int SETTLE_ROUNDS = 5;

    /** A change as announced: the applicant, from, to, the change id and when it took effect. */
    public record Change(String uscc, District from, District to, String changeId, Instant effectiveAt) {
    }

    private final ApplicantDistrictRepository districts;
    private final DecisionRepository decisions;

    ApplicantDistricts(ApplicantDistrictRepository districts, DecisionRepository decisions) {
        this.districts = districts;
        this.decisions = decisions;
    }

    /**
     * Keeps the change (unless a later one is kept), then moves the applicant's open reviews to the district it is in
     * now. Idempotent.
     */
    public void changed(Change change) {
        districts.apply(new Moved(change.uscc(), change.to(), change.changeId(), change.effectiveAt()));
        long moved = settle(change.uscc());
        LOG.infof("applicant %s moved from %s to %s (change %s): %d open review(s) moved to %s", change.uscc(),
                change.from(), change.to(), change.changeId(), moved, districts.find(change.uscc())
                        .map(Moved::district).orElse(change.to()));
    }

    /**
     * Moves the applicant's open reviews to the district the projection says, then reads the projection again and
     * moves again while it changed meanwhile (a newer change taken in by another replica between the read and the
     * move: A to B to A must not leave the reviews in B). Converges: a change writes the projection before it moves.
     *
     * @return how many reviews moved
     */
    long settle(String uscc) {
        Optional<Moved> read = districts.find(uscc);
        long moved = 0;
        for (int round = 0; read.isPresent() && round < SETTLE_ROUNDS; round++) {
            moved += decisions.moveOpenReviews(uscc, read.get().district());
            Optional<Moved> again = districts.find(uscc);
            if (again.map(Moved::district).equals(read.map(Moved::district))) {
                return moved;
            }
            read = again;
        }
        if (read.isPresent()) {
            // changes faster than the moves: the last one's own handling (or the next one's) finishes it
            LOG.warnf("applicant %s changed district %d times while its open reviews were moved", uscc, SETTLE_ROUNDS);
        }
        return moved;
    }

    /** The district a submission or an appeal of the applicant is decided in: where it moved to last, else {@code given}. */
    public String districtFor(String uscc, String given) {
        return districts.find(uscc).map(m -> m.district().name()).orElse(given);
    }

    /** {@link #districtFor} for a batch of submissions: one query; each submission in the district it is decided in. */
    public List<DecisionService.Submission> follow(List<DecisionService.Submission> submissions) {
        Map<String, Moved> moved = districts.findAll(usccs(submissions));
        if (moved.isEmpty()) {
            return submissions;
        }
        return submissions.stream().map(s -> !moved.containsKey(s.applicantUscc()) ? s
                : new DecisionService.Submission(s.eventId(), s.payloadHash(), s.applicationId(), s.applicantUscc(),
                        s.measureCode(), moved.get(s.applicantUscc()).district().name(), s.facts(), s.proposalId(),
                        s.submittedAt())).toList();
    }

    /**
     * After a batch's decisions are written: an applicant whose change was taken in meanwhile (after {@link #follow}
     * read) gets its open reviews moved now. One query; a move only for an applicant that moved elsewhere.
     */
    public void afterDeciding(List<DecisionService.Submission> decided) {
        // every applicant of the batch that ever moved, without comparing with the district this attempt decided in: a
        // retried batch finds its decisions written by an earlier attempt that read no move yet (the move is a no-op
        // when nothing is elsewhere)
        for (String uscc : districts.findAll(usccs(decided)).keySet()) {
            settle(uscc);
        }
    }

    /** {@link #afterDeciding} for one applicant's review queued (an appeal), also when an earlier attempt queued it. */
    public void afterQueued(String uscc) {
        settle(uscc);
    }

    /** The district the applicant moved to last, if it ever moved (reading rights of its new district's officers). */
    public Optional<District> current(String uscc) {
        return districts.find(uscc).map(Moved::district);
    }

    private static Collection<String> usccs(List<DecisionService.Submission> submissions) {
        return submissions.stream().map(DecisionService.Submission::applicantUscc).distinct().toList();
    }
}
