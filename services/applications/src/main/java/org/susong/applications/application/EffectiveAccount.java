package org.susong.applications.application;

import java.time.Instant;
import java.util.Optional;
import org.susong.applications.domain.Applicant;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.commons.messaging.TransientFailure;

/**
 * The bank account that may be paid or may release an award is the one saved on the applicant, never an approved
 * change read as the account because the local clock is past its {@code effectiveAt}. A change found due is first
 * saved as the account (BANK_ACCOUNT_EFFECTIVE) under the applicant's version - the version a rejection of the change
 * is written under too, so one of the two writes loses and the other is what everyone reads after. Issue 23 item 4,
 * second reader: a snapshot that only read the applicant paid a change an officer rejected at E - 1 ms.
 */
final class EffectiveAccount {

    /** Lost races in a row before giving up (each one is another writer's committed change of this applicant). */
    static final int ATTEMPTS = 5;

    private EffectiveAccount() {
    }

    /** The applicant with any due change saved as its account; empty when none is registered. */
    static Optional<Applicant> saved(ApplicantRepository applicants, String uscc, Instant now) {
        return applicants.find(uscc).map(read -> saved(applicants, read, now));
    }

    /**
     * {@code read} with its due change saved as the account; when the guarded write loses (a rejection, a new request,
     * another replica's promotion won), what won is read again and looked at afresh.
     */
    static Applicant saved(ApplicantRepository applicants, Applicant read, Instant now) {
        Applicant current = read;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Applicant.Changed changed = current.takeEffect(now);
            if (changed.audit() == null || applicants.save(changed.applicant(), current.version(), changed.audit())) {
                return changed.applicant();
            }
            String uscc = current.uscc().value();
            current = applicants.find(uscc).orElseThrow(() -> new IllegalStateException("applicant " + uscc + " vanished"));
        }
        throw new TransientFailure("applicant " + read.uscc() + " changed " + ATTEMPTS + " times while its bank account"
                + " was made effective; retrying");
    }
}
