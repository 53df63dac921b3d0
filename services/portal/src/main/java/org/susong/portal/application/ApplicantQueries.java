package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.susong.portal.client.AccountChangeRequest;
import org.susong.portal.client.AppealRequest;
import org.susong.portal.client.ApplicantRecord;
import org.susong.portal.client.ApplicantsClient;
import org.susong.portal.client.ApplicationDetail;
import org.susong.portal.client.ApplicationsClient;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * The applicant's own record and its appeal, as the signed-in applicant: the USCC is always the sign-in's, never one
 * typed in a form.
 */
@ApplicationScoped
public class ApplicantQueries {

    private final ApplicantsClient applicants;
    private final ApplicationsClient applications;

    ApplicantQueries(@RestClient ApplicantsClient applicants, @RestClient ApplicationsClient applications) {
        this.applicants = applicants;
        this.applications = applications;
    }

    /** {@code GET /applicants/{its USCC}}. */
    public ApplicantRecord record(Person applicant) {
        requireApplicant(applicant);
        return Calls.as("applications", applicant, as -> applicants.get(as, applicant.actingFor()));
    }

    /** {@code POST /applications/{id}/appeal} with the grounds (checked by the caller: not blank, at most 2,000). */
    public ApplicationDetail appeal(Person applicant, String applicationId, String grounds) {
        requireApplicant(applicant);
        return Calls.as("applications", applicant,
                as -> applications.appeal(as, applicationId, new AppealRequest(grounds)));
    }

    /**
     * {@code POST /applicants/{its USCC}/bank-account-changes}: the applicant is the maker, the USCC the sign-in's
     * (never a form's). The fields are checked by the caller ({@code domain/AccountForm}); the service checks them again
     * and decides (the registered name, one change at a time).
     */
    public ApplicantRecord requestAccountChange(Person applicant, AccountChangeRequest request) {
        requireApplicant(applicant);
        return Calls.as("applications", applicant,
                as -> applicants.requestAccountChange(as, applicant.actingFor(), request));
    }

    /**
     * {@code POST /applicants/{its USCC}/bank-account-changes/{changeId}/rejection}: the applicant cancels a change not
     * yet effective (whoever requested it), with its reason (checked by the caller).
     */
    public ApplicantRecord cancelAccountChange(Person applicant, String changeId, String reason) {
        requireApplicant(applicant);
        return Calls.as("applications", applicant, as -> applicants.rejectAccountChange(as, applicant.actingFor(),
                changeId, new org.susong.portal.client.ChangeRejection(reason)));
    }

    private static void requireApplicant(Person person) {
        if (person.role() != Role.APPLICANT) {
            throw new IllegalArgumentException("an applicant's record asked as " + person.role().code());
        }
    }
}
