package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.susong.portal.client.ApplicationDetail;
import org.susong.portal.client.ApplicationsClient;
import org.susong.portal.client.Decision;
import org.susong.portal.client.EligibilityClient;
import org.susong.portal.client.MeasureVersion;
import org.susong.portal.client.HoldResolution;
import org.susong.portal.client.PaymentsClient;
import org.susong.portal.client.WithdrawalRequest;
import org.susong.portal.client.ReviewRequest;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.TechContractsClient;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * What an application's page and the officer's work queue read, as the signed-in person: the services decide what
 * that person may see (the district rule is theirs); the portal only asks, and never writes.
 */
@ApplicationScoped
public class CaseQueries {

    /** The states of a payment order held for review: an objection (or a conversion refused with fallback HOLD). */
    static final String ON_HOLD = "ON_HOLD";
    /** A contract waiting for the registry's review (tech-contracts' {@code ContractStatus}). */
    static final String SUBMITTED = "SUBMITTED";

    private final ApplicationsClient applications;
    private final EligibilityClient eligibility;
    private final PaymentsClient payments;
    private final TechContractsClient contracts;
    private final PortalConfig config;

    CaseQueries(@RestClient ApplicationsClient applications, @RestClient EligibilityClient eligibility,
                @RestClient PaymentsClient payments, @RestClient TechContractsClient contracts, PortalConfig config) {
        this.applications = applications;
        this.eligibility = eligibility;
        this.payments = payments;
        this.contracts = contracts;
        this.config = config;
    }

    /**
     * An application with its decision, the decision's measure version and its payment orders; empty when
     * applications answers 404 (it does not exist, or the person may not see it: another district's, another
     * applicant's) or answers one that is not the person's (its district or USCC differs: a misconfigured service
     * shows nothing more than the person's own). Any other failure to read the application is thrown.
     */
    public Optional<ApplicationCase> application(Person person, String id) {
        if (person.role() != Role.OFFICER && person.role() != Role.APPLICANT) {
            throw new IllegalArgumentException("an application's page asked as " + person.role().code());
        }
        ApplicationDetail application;
        try {
            application = Calls.as("applications", person, as -> applications.get(as, id));
        } catch (ServiceError e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        boolean theirs = person.role() == Role.OFFICER
                ? person.district().name().equalsIgnoreCase(application.district())
                : person.actingFor().equalsIgnoreCase(application.applicantUscc());
        if (!theirs) {
            return Optional.empty();
        }
        Part<Decision> decision = Part.read(() -> Calls.as("eligibility", person,
                as -> eligibility.decision(as, id)));
        if (decision.error() != null && decision.error().status() == 404) {
            decision = Part.none(); // not decided yet
        }
        Part<MeasureVersion> measure = Part.none();
        Decision.RuleVersion rule = decision.value() == null ? null : decision.value().rule();
        if (rule != null) {
            measure = Part.read(() -> Calls.as("eligibility", person,
                    as -> eligibility.measureVersion(as, rule.code(), rule.version())));
        }
        var orders = Part.read(() -> Calls.as("payments", person,
                as -> payments.list(as, id, null, null, config.pageSize())));
        return Optional.of(new ApplicationCase(application, decision, measure, orders));
    }

    /**
     * An officer's review decision, sent to eligibility as that officer: the service decides whether it may (the
     * district, the state, the caps, the maker-checker) and refuses with a problem naming the field.
     */
    public void decideReview(Person person, String decisionId, ReviewRequest request) {
        PortalQueries.require(person, Role.OFFICER);
        Calls.as("eligibility", person, as -> {
            eligibility.decideReview(as, decisionId, request);
            return null;
        });
    }

    /**
     * The withdrawal of application {@code id} as the applicant or an officer of its district, with the reason
     * (checked by the caller): applications decides whether the state allows it, payments whether money already left.
     */
    public void withdraw(Person person, String id, String reason) {
        if (person.role() != Role.APPLICANT && person.role() != Role.OFFICER) {
            throw new IllegalArgumentException("a withdrawal asked as " + person.role().code());
        }
        Calls.as("applications", person, as -> applications.withdraw(as, id, new WithdrawalRequest(reason)));
    }

    /**
     * An officer's resolution of hold {@code holdId} of order {@code orderId}, sent to payments as that officer: the
     * service decides whether it may (the order's district, not the objector, the hold still open).
     */
    public void resolveHold(Person person, String orderId, String holdId, String outcome) {
        PortalQueries.require(person, Role.OFFICER);
        Calls.as("payments", person, as -> payments.resolveHold(as, orderId, holdId, new HoldResolution(outcome)));
    }

    /** The first page of each section of a district officer's work queue, its own district named in each query. */
    public OfficerQueue queue(Person person) {
        PortalQueries.require(person, Role.OFFICER);
        String district = person.district().name();
        int limit = config.pageSize();
        return new OfficerQueue(
                Part.read(() -> Calls.as("eligibility", person,
                        as -> eligibility.openReviews(as, district, limit))),
                Part.read(() -> Calls.as("tech-contracts", person,
                        as -> contracts.list(as, district, SUBMITTED, limit))),
                Part.read(() -> Calls.as("tech-contracts", person,
                        as -> contracts.overdue(as, limit))),
                Part.read(() -> Calls.as("payments", person,
                        as -> payments.list(as, null, ON_HOLD, district, limit))));
    }
}
