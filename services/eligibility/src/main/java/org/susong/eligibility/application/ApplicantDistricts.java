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
 *       ({@link #afterDeciding}): the change writes the projection then moves, the decision writes then reads, so
 *       whichever comes second sees the other.</li>
 * </ul>
 * Decided decisions keep the district they were decided in. The projection keeps the latest change by
 * {@code effectiveAt}; a redelivered or late older change changes nothing but moving open reviews to where the
 * applicant is now.
 */
@ApplicationScoped
public class ApplicantDistricts {

    private static final Logger LOG = Logger.getLogger(ApplicantDistricts.class);

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
        District now = districts.find(change.uscc()).map(Moved::district).orElse(change.to());
        long moved = decisions.moveOpenReviews(change.uscc(), now);
        LOG.infof("applicant %s moved from %s to %s (change %s): %d open review(s) moved to %s", change.uscc(),
                change.from(), change.to(), change.changeId(), moved, now);
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
        Map<String, Moved> moved = districts.findAll(usccs(decided));
        for (DecisionService.Submission s : decided) {
            Moved m = moved.get(s.applicantUscc());
            if (m != null && District.parse(s.district()).filter(d -> d == m.district()).isEmpty()) {
                decisions.moveOpenReviews(s.applicantUscc(), m.district());
            }
        }
    }

    /** {@link #afterDeciding} for one review queued in {@code queuedIn} (an appeal). */
    public void afterQueued(String uscc, District queuedIn) {
        districts.find(uscc).filter(m -> m.district() != queuedIn)
                .ifPresent(m -> decisions.moveOpenReviews(uscc, m.district()));
    }

    /** The district the applicant moved to last, if it ever moved (reading rights of its new district's officers). */
    public Optional<District> current(String uscc) {
        return districts.find(uscc).map(Moved::district);
    }

    private static Collection<String> usccs(List<DecisionService.Submission> submissions) {
        return submissions.stream().map(DecisionService.Submission::applicantUscc).distinct().toList();
    }
}
