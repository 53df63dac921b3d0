package org.susong.payments.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.susong.commons.ids.District;
import org.susong.payments.domain.ApplicantDistrict;
import org.susong.payments.domain.ApplicantName;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.ApplicantRepository;
import org.susong.payments.persistence.OrderRepository;

/**
 * An applicant's approved changes in applications (issue 20 item 6) as payments follows them, by the reasoning of
 * eligibility's {@code ApplicantDistricts}:
 * <ul>
 *   <li>a <b>district change</b> ({@code ApplicantDistrictChanged.v1}) moves the applicant's orders that are still open
 *       work of a district officer ({@link org.susong.payments.domain.OrderState#FOLLOWS_APPLICANT}, never re-sent) to the new district, as applications moves
 *       its applications that are not settled; every other order keeps the district its decision was made in, and the
 *       officers of the applicant's current district read it as well ({@link #current});</li>
 *   <li>an order taken in after the change (its decision made in the old district: the decision's events and the
 *       applicant's are keyed differently, so not ordered) is moved after its insert ({@link #afterIntake}): the change
 *       writes the projection then moves, the intake inserts then reads the projection, so whichever comes second sees
 *       the other; every move reads the projection again after it and moves again while it changed ({@link #settle});</li>
 *   <li>a <b>rename</b> ({@code ApplicantRenamed.v1}) names the creditor of the next instruction of the applicant's
 *       orders ({@link #creditor}, {@link Payee#registeredAs}): what is already in a bank file keeps what was sent.</li>
 * </ul>
 * Both projections keep the latest change by {@code effectiveAt}: a redelivered or late older change moves nothing back.
 */
@ApplicationScoped
public class ApplicantChanges {

    private static final Logger LOG = Logger.getLogger(ApplicantChanges.class);
    /** Reads of the projection after a move before the move is left to the next change's (or intake's) handling. */
    static final int SETTLE_ROUNDS = 5;

    private final ApplicantRepository applicants;
    private final OrderRepository orders;

    ApplicantChanges(ApplicantRepository applicants, OrderRepository orders) {
        this.applicants = applicants;
        this.orders = orders;
    }

    /** Keeps the move (unless a later one is kept), then moves the applicant's open orders to where it is now. Idempotent. */
    public void districtChanged(ApplicantDistrict change, District from) {
        boolean kept = applicants.keep(change);
        long moved = settle(change.uscc());
        LOG.infof("applicant %s moved from %s to %s (change %s%s): %d open order(s) moved to %s", change.uscc(), from,
                change.district(), change.changeId(), kept ? "" : ", a later change is kept", moved,
                current(change.uscc()).orElse(change.district()));
    }

    /** Keeps the rename unless a later one is kept. Idempotent; no order is written (see {@link #creditor}). */
    public void renamed(ApplicantName renamed) {
        boolean kept = applicants.keep(renamed);
        LOG.infof("applicant %s renamed (change %s, effective %s)%s: the next instructions name it as registered",
                renamed.uscc(), renamed.changeId(), renamed.effectiveAt(), kept ? "" : "; a later rename is kept");
    }

    /**
     * After orders of these applicants were inserted (also on a redelivery that finds them inserted by an earlier
     * attempt): those of an applicant that ever moved follow it now. One read; a move only for an applicant that moved.
     */
    public void afterIntake(Collection<String> usccs) {
        for (String uscc : applicants.districts(Set.copyOf(usccs)).keySet()) {
            settle(uscc);
        }
    }

    /**
     * Moves the applicant's open orders to the district the projection says, then reads it again and moves again while
     * it changed meanwhile (a newer change taken in by another replica between the read and the move: A to B to A must
     * not leave the orders in B). Converges: a change writes the projection before it moves.
     *
     * @return how many orders moved
     */
    long settle(String uscc) {
        Optional<District> read = current(uscc);
        long moved = 0;
        for (int round = 0; read.isPresent() && round < SETTLE_ROUNDS; round++) {
            moved += orders.moveWithApplicant(uscc, read.get());
            Optional<District> again = current(uscc);
            if (again.equals(read)) {
                return moved;
            }
            read = again;
        }
        if (read.isPresent()) {
            LOG.warnf("applicant %s changed district %d times while its open orders were moved", uscc, SETTLE_ROUNDS);
        }
        return moved;
    }

    /** The district the applicant moved to last, if it ever moved (its officers read all of the applicant's orders). */
    public Optional<District> current(String uscc) {
        return uscc == null ? Optional.empty() : applicants.district(uscc).map(ApplicantDistrict::district);
    }

    /** The applicants whose last move took them to this district (their orders kept elsewhere are read there too). */
    public Set<String> movedTo(District district) {
        return applicants.movedTo(district);
    }

    /** The creditor of an instruction of this order written now: its snapshot, named as the beneficiary is registered. */
    public Payee creditor(PaymentOrder order, Payee snapshot) {
        return snapshot.registeredAs(applicants.name(order.beneficiaryUscc()).orElse(null));
    }

    /** The renames of these beneficiaries, by USCC (one read), for {@link Payee#registeredAs} in a round. */
    public Map<String, ApplicantName> renames(Collection<String> usccs) {
        return applicants.names(Set.copyOf(usccs));
    }
}
