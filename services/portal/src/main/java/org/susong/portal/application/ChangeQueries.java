package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.susong.portal.client.ApplicantsClient;
import org.susong.portal.client.ChangeRejection;
import org.susong.portal.client.PendingChange;
import org.susong.portal.client.ServicePage;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * A district officer's applicant changes waiting for a checker (applications' {@code GET /applicants/pending-changes},
 * the service scoping them to the officer's district) and the checker's answers, each sent as the signed-in officer:
 * the service decides who may (maker-checker by principal id, the district) and whether the change is still pending.
 */
@ApplicationScoped
public class ChangeQueries {

    /** Which queue: the service's {@code PendingChangeKind}, and the portal's path word for it. */
    public enum Kind {
        BANK_ACCOUNT("bank-account"), REGISTRATION("registration");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** The kind of a path word; null for another. */
        public static Kind ofPath(String word) {
            for (Kind k : values()) {
                if (k.path.equals(word)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The two sections of the page, each read on its own (one failing leaves the other). */
    public record Changes(Part<ServicePage<PendingChange>> accounts, Part<ServicePage<PendingChange>> registrations) {
    }

    private final ApplicantsClient applicants;
    private final int pageSize;

    ChangeQueries(@RestClient ApplicantsClient applicants, org.susong.portal.config.PortalConfig config) {
        this.applicants = applicants;
        this.pageSize = config.pageSize();
    }

    /** The first page of each queue (oldest request first). */
    public Changes waiting(Person officer) {
        requireOfficer(officer);
        return new Changes(Part.read(() -> page(officer, Kind.BANK_ACCOUNT)), Part.read(() -> page(officer, Kind.REGISTRATION)));
    }

    private ServicePage<PendingChange> page(Person officer, Kind kind) {
        return Calls.as("applications", officer, as -> applicants.pendingChanges(as, kind.name(), null, pageSize));
    }

    /** The checker's approval of change {@code changeId} of {@code uscc}. */
    public void approve(Person officer, Kind kind, String uscc, String changeId) {
        requireOfficer(officer);
        Calls.as("applications", officer, as -> kind == Kind.BANK_ACCOUNT
                ? applicants.approveAccountChange(as, uscc, changeId)
                : applicants.approveRegistrationChange(as, uscc, changeId));
    }

    /** The rejection of change {@code changeId} of {@code uscc}, with its reason (checked by the caller). */
    public void reject(Person officer, Kind kind, String uscc, String changeId, String reason) {
        requireOfficer(officer);
        ChangeRejection rejection = new ChangeRejection(reason);
        Calls.as("applications", officer, as -> kind == Kind.BANK_ACCOUNT
                ? applicants.rejectAccountChange(as, uscc, changeId, rejection)
                : applicants.rejectRegistrationChange(as, uscc, changeId, rejection));
    }

    private static void requireOfficer(Person person) {
        if (person.role() != Role.OFFICER) {
            throw new IllegalArgumentException("applicant changes asked as " + person.role().code());
        }
    }
}
