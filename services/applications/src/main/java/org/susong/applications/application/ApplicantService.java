package org.susong.applications.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.susong.applications.config.ApplicationsConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.susong.applications.domain.AccountChange;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantEvent;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.domain.AuditEntry;
import org.susong.applications.domain.BankAccount;
import org.susong.applications.domain.Certification;
import org.susong.applications.domain.Contact;
import org.susong.applications.domain.InvalidInput;
import org.susong.applications.messaging.out.ApplicantEvents;
import org.susong.commons.rest.Page;
import org.susong.applications.domain.PendingChangeKind;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Ids;
import org.susong.commons.ids.Uscc;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/** The applicant registry's use cases: registration, audited changes, bank accounts under maker-checker. */
@ApplicationScoped
public class ApplicantService {

    private static final Logger LOG = Logger.getLogger(ApplicantService.class);

    public record RegisterCommand(String uscc, String name, ApplicantType type, District district, String checkOverrideReason,
                                  Contact contact, List<Certification> certifications, BankAccount bankAccount) {

        public RegisterCommand(String uscc, String name, ApplicantType type, District district, String checkOverrideReason) {
            this(uscc, name, type, district, checkOverrideReason, null, List.of(), null);
        }
    }

    /** A change of the descriptive fields; null leaves a field as it is. */
    public record UpdateCommand(ApplicantType type, Contact contact, List<Certification> certifications) {
    }

    /** A proposed registration change: a new {@code name} (with {@code evidenceRef}) or a new {@code district}, as typed. */
    public record RegistrationChangeCommand(String name, District district, String reason, String evidenceRef) {
    }

    private final ApplicantRepository applicants;
    private final ApplicationService applications;
    private final LifecycleService lifecycle;
    private final ApplicationsConfig config;
    private final Clock clock;
    private final DistrictMoves districtMoves;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    /** Test seam: runs after an approved registration change is written, before its follow-up steps (a crash here). */
    volatile Runnable afterRegistrationChange = () -> { };

    ApplicantService(ApplicantRepository applicants, ApplicationService applications, LifecycleService lifecycle,
                     ApplicationsConfig config, Clock clock, DistrictMoves districtMoves, OutboxRelay relay,
                     ObjectMapper json) {
        this.applicants = applicants;
        this.applications = applications;
        this.lifecycle = lifecycle;
        this.config = config;
        this.clock = clock;
        this.districtMoves = districtMoves;
        this.relay = relay;
        this.json = json;
    }

    public Applicant register(Principal principal, RegisterCommand command) {
        Uscc uscc = Uscc.parse(command.uscc());
        requireMayRegister(principal, uscc, command.district());
        Applicant applicant;
        try {
            applicant = Applicant.register(uscc, command.name(), command.type(), command.district(),
                    command.checkOverrideReason(), principal.hasRole(Principal.OFFICER), principal.asActor(), principal.user(),
                    clock.instant(),
                    command.contact(), command.certifications(), command.bankAccount(),
                    command.bankAccount() == null ? null : Ids.newId("BAC", clock));
        } catch (InvalidInput e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        }
        if (!applicants.insert(applicant, applicant.registrationAudit())) {
            throw ProblemException.conflict("an applicant with USCC " + uscc + " is already registered")
                    .with("applicant", "/applicants/" + uscc);
        }
        // no account is effective at registration: award proposals waiting for this USCC are released when one is
        return applicant;
    }

    /**
     * Registering is for an officer of the applicant's district, or for the applicant itself (its verified
     * USCC claim); checked before anything about the USCC is looked up, so a refusal reveals nothing.
     */
    static void requireMayRegister(Principal principal, Uscc uscc, District district) {
        if (principal.hasRole(Principal.OFFICER) && principal.inDistrict(district.english())) {
            return;
        }
        if (principal.hasRole(Principal.APPLICANT) && principal.actsFor(uscc.value())) {
            return;
        }
        throw principal.hasRole(Principal.OFFICER)
                ? new ProblemException(403, "Forbidden", "an officer registers applicants of its own district only", "district")
                : new ProblemException(403, "Forbidden", "an applicant registers only the USCC it acts for", "uscc");
    }

    /** Applies a change; an unchanged record keeps its version. Returns the applicant and whether it changed. */
    public Applicant.Changed update(Principal principal, String uscc, UpdateCommand command, String action) {
        Applicant current = actedOn(principal, uscc);
        Applicant.Changed changed = current.update(command.type(), command.contact(), command.certifications(),
                principal.asActor(), clock.instant(), action);
        if (changed.audit() != null) {
            save(changed, current.version());
        }
        return changed;
    }

    /**
     * Maker: an officer of the applicant's district, or the applicant itself (issue 18: its own request from the
     * portal, as its first account at registration), asks for a bank account to be set or changed. Either way an
     * officer of the district other than the maker approves it, and the cooling-off follows.
     */
    public Applicant requestAccountChange(Principal principal, String uscc, BankAccount proposed) {
        Instant now = clock.instant();
        // an approved change past its cooling-off becomes the account first, as the promotion job would make it
        Applicant current = takeEffect(actedOn(principal, uscc), now);
        AccountChange pending = current.pendingChange();
        if (!principal.hasRole(Principal.OFFICER) && pending != null && !pending.approved()
                && !principal.user().equals(pending.requestedByUser())) {
            // the applicant replaces only its own request: a change someone else made (an officer's, checked against
            // the paper evidence) is cancelled explicitly first, so a checker never approves a silent swap
            throw ProblemException.conflict("bank-account change " + pending.id() + (pending.legacy()
                    ? " was stored before its maker was recorded" : " was requested by someone else") + " and waits for"
                    + " its checker; ask an officer of the district to reject it first").with("field", "bankAccount");
        }
        Applicant.Changed changed;
        try {
            changed = current.requestAccountChange(Ids.newId("BAC", clock), proposed, principal.asActor(), principal.user(), now);
        } catch (InvalidInput e) {
            throw e.field().equals("bankAccount") ? ProblemException.conflict(e.getMessage())
                    : ProblemException.unprocessable(e.field(), e.getMessage());
        }
        save(changed, current.version());
        return changed.applicant();
    }

    /**
     * Any officer of the district, or the applicant itself for a change it requested (issue 18: withdrawing its own
     * request; an officer's change it asks an officer to reject), drops a change not yet effective (see
     * {@link Applicant#rejectAccountChange}).
     */
    public Applicant rejectAccountChange(Principal principal, String uscc, String changeId, String reason) {
        Applicant current = actedOn(principal, uscc);
        AccountChange pending = current.pendingChange();
        if (!principal.hasRole(Principal.OFFICER) && pending != null && pending.id().equals(changeId)
                && !principal.user().equals(pending.requestedByUser())) {
            // an officer's change (a correction checked against paper evidence) is not undone by one applicant login:
            // the applicant asks an officer of the district, who rejects it with the reason (second reading, RISK-1)
            throw new ProblemException(403, "Forbidden", "bank-account change " + changeId + " was requested by an officer"
                    + " of the district" + (pending.legacy() ? " or before its maker was recorded" : "") + "; the applicant"
                    + " cancels only its own requests: ask an officer of the district to reject it", "changeId");
        }
        Applicant.Changed changed;
        try {
            changed = current.rejectAccountChange(changeId, reason, principal.asActor(), clock.instant());
        } catch (InvalidInput e) {
            throw "reason".equals(e.field()) ? ProblemException.unprocessable(e.field(), e.getMessage())
                    : ProblemException.conflict(notPending(current, changeId, e.getMessage())).with("field", e.field());
        }
        return save(changed, current.version());
    }

    /**
     * The answer for a change that is not pending: one the history shows approved and never rejected took effect (an
     * approved change is never superseded), and the answer says so.
     */
    private String notPending(Applicant current, String changeId, String detail) {
        if (current.pendingChange() != null && current.pendingChange().id().equals(changeId)) {
            return detail;
        }
        List<String> actions = applicants.history(current.uscc().value(), 0, Integer.MAX_VALUE).stream()
                .filter(e -> changeId.equals(e.changes().get("changeId"))).map(AuditEntry::action).toList();
        return actions.contains("BANK_ACCOUNT_CHANGE_APPROVED") && !actions.contains("BANK_ACCOUNT_CHANGE_REJECTED")
                ? Applicant.tookEffect(changeId) : detail;
    }

    /** Checker: a different officer approves; effective after the cooling-off period. */
    public Applicant approveAccountChange(Principal principal, String uscc, String changeId) {
        Applicant current = officerOf(principal, uscc);
        Applicant.Changed changed;
        try {
            changed = current.approveAccountChange(changeId, principal.asActor(), principal.user(), clock.instant(),
                    config.bankAccount().coolingOff());
        } catch (InvalidInput e) {
            throw "approvedBy".equals(e.field()) ? new ProblemException(403, "Forbidden", e.getMessage(), null)
                    : ProblemException.conflict(notPending(current, changeId, e.getMessage())).with("field", e.field());
        }
        Applicant saved = save(changed, current.version());
        if (saved.pendingChange() == null) {
            accountEffective(uscc);
        }
        return saved;
    }

    /**
     * What waited for an effective account, after the write that made it effective: the payee snapshots of
     * approved applications, and the award proposals for this USCC. A failure is left to the follow-up sweep
     * (the account is committed: the request must not answer 5xx, whose retry would answer 409).
     */
    private void accountEffective(String uscc) {
        FollowUpSweep.attempt("waiting payee snapshots of " + uscc, () -> lifecycle.snapshotWaitingPayees(uscc));
        FollowUpSweep.attempt("waiting award proposals of " + uscc, () -> applications.releaseWaitingProposals(uscc));
    }

    /** Makes approved changes whose cooling-off has passed effective, then what waited for them (snapshots, awards). */
    @Scheduled(every = "${susong.applications.bank-account.promote-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void promoteDueChanges() {
        Instant now = clock.instant();
        for (String uscc : applicants.withChangeDueBy(now)) {
            try {
                takeEffect(require(uscc), now);
            } catch (RuntimeException e) {
                LOG.warnf(e, "bank-account change of %s not made effective yet; next round retries", uscc);
            }
        }
    }

    /**
     * Saves an approved change whose cooling-off has passed as the account (BANK_ACCOUNT_EFFECTIVE), then what waited
     * for it; the applicant unchanged when there is none. A lost race is read again ({@link EffectiveAccount}).
     */
    private Applicant takeEffect(Applicant current, Instant now) {
        Applicant saved = EffectiveAccount.saved(applicants, current, now);
        if (saved.version() != current.version() && saved.payableAccount() != null) {
            accountEffective(saved.uscc().value()); // idempotent: also when another writer saved it
        }
        return saved;
    }

    /**
     * Maker (issue 20 item 6): an officer of the applicant's district, or an administrator, proposes a new registered
     * name (with the evidence's reference) or district, with a reason. Refused with nothing written: an unknown
     * district (422 {@code district}), the same name or district (422), no reason (422 {@code reason}), a name without
     * evidence (422 {@code evidenceRef}); another change waiting (409).
     */
    public Applicant proposeRegistrationChange(Principal principal, String uscc, RegistrationChangeCommand command) {
        Applicant current = changerOf(principal, uscc);
        District district = command.district(); // typed at the door: an unknown one is 400 naming it, as at registration
        Applicant.Changed changed;
        try {
            changed = current.proposeRegistrationChange(Ids.newId("ARC", clock), command.name(), district,
                    command.reason(), command.evidenceRef(), principal.asActor(), principal.user(), clock.instant());
        } catch (InvalidInput e) {
            throw "pendingRegistrationChange".equals(e.field()) ? ProblemException.conflict(e.getMessage())
                    .with("field", e.field()) : ProblemException.unprocessable(e.field(), e.getMessage());
        }
        return save(changed, current.version());
    }

    /**
     * Checker: a different person than the maker (by principal id; the maker gets 409) approves. One guarded write of
     * the applicant holds the new value, its history, the audit entry, the event in the applicant's own outbox and,
     * for a district, the move's intent; then the open applications are moved ({@link DistrictMoves}, finished by the
     * follow-up sweep when this request dies first). A due bank-account change is saved as the account first, so a
     * name change holds it (to be re-confirmed) rather than cancelling a change that has taken effect.
     */
    public Applicant approveRegistrationChange(Principal principal, String uscc, String changeId) {
        Instant now = clock.instant();
        Applicant current = takeEffect(changerOf(principal, uscc), now);
        Applicant.Approved approved;
        try {
            approved = current.approveRegistrationChange(changeId, principal.asActor(), principal.user(), now);
        } catch (InvalidInput e) {
            throw ProblemException.conflict(e.getMessage()).with("field", e.field());
        }
        Applicant next = approved.applicant();
        ApplicantRepository.DistrictMove move = approved.event() instanceof ApplicantEvent.DistrictChanged d
                ? DistrictMoves.intent(changeId, d.fromDistrict(), d.toDistrict(), principal.asActor()) : null;
        if (move != null) {
            districtMoves.finish(uscc); // an earlier move still unfinished goes first: its intent would refuse this one
        }
        var outbox = Outbox.entries(json, applicants.eventSequence(uscc), List.of(ApplicantEvents.toWire(
                approved.event(), next.district().name(), principal.asActor())), now);
        if (!applicants.save(next, current.version(), approved.audit(), outbox, move)) {
            throw ProblemException.conflict("applicant " + uscc + " changed while this request was served; try again");
        }
        relay.publishSoon(ApplicantRepository.COLLECTION, uscc);
        afterRegistrationChange.run();
        if (move != null) {
            FollowUpSweep.attempt("district move of " + uscc, () -> districtMoves.finish(uscc));
        } else if (next.payableAccount() != null) {
            accountEffective(uscc); // a name back to the account's: what waited for a payable account goes on
        }
        return next;
    }

    /** Anyone who may propose (the maker too) rejects a waiting registration change, with a reason (422 without). */
    public Applicant rejectRegistrationChange(Principal principal, String uscc, String changeId, String reason) {
        Applicant current = changerOf(principal, uscc);
        Applicant.Changed changed;
        try {
            changed = current.rejectRegistrationChange(changeId, reason, principal.asActor(), clock.instant());
        } catch (InvalidInput e) {
            throw "reason".equals(e.field()) ? ProblemException.unprocessable(e.field(), e.getMessage())
                    : ProblemException.conflict(e.getMessage()).with("field", e.field());
        }
        return save(changed, current.version());
    }

    /** The applicant if the principal may change its registration: an officer of its district or an admin; 404 otherwise. */
    private Applicant changerOf(Principal principal, String uscc) {
        return applicants.find(uscc).filter(a -> principal.hasRole(Principal.ADMIN) || principal.hasRole(Principal.OFFICER)
                && principal.inDistrict(a.district().english())).orElseThrow(() -> ProblemException.notFound("applicant", uscc));
    }

    private Applicant save(Applicant.Changed changed, long expectedVersion) {
        if (!applicants.save(changed.applicant(), expectedVersion, changed.audit())) {
            throw ProblemException.conflict("applicant " + changed.applicant().uscc() + " changed while this request was"
                    + " served; try again");
        }
        return changed.applicant();
    }

    private Applicant require(String uscc) {
        return applicants.find(uscc).orElseThrow(() -> ProblemException.notFound("applicant", uscc));
    }

    public Optional<Applicant> find(String uscc) {
        return applicants.find(uscc);
    }

    /** The applicant if the principal may see it (its district's officer, itself, auditors, admins); 404 otherwise. */
    public Applicant visible(Principal principal, String uscc) {
        return applicants.find(uscc).filter(a -> principal.sees(a.district().english(), a.uscc().value(),
                Principal.AUDITOR, Principal.ADMIN)).orElseThrow(() -> ProblemException.notFound("applicant", uscc));
    }

    /** The applicant if the principal may change it (its district's officer, itself); 404 otherwise. */
    Applicant actedOn(Principal principal, String uscc) {
        return applicants.find(uscc).filter(a -> principal.sees(a.district().english(), a.uscc().value()))
                .orElseThrow(() -> ProblemException.notFound("applicant", uscc));
    }

    /** The applicant if the principal is an officer of its district (bank accounts); 404 otherwise. */
    private Applicant officerOf(Principal principal, String uscc) {
        return applicants.find(uscc).filter(a -> principal.hasRole(Principal.OFFICER)
                && principal.inDistrict(a.district().english())).orElseThrow(() -> ProblemException.notFound("applicant", uscc));
    }

    /**
     * The applicants with a change of {@code kind} waiting (the officers' work: approve as a different person, or
     * reject), oldest request first: an officer its district's (403 for a token naming no known district), admins and
     * auditors the city's. Each as it stands now.
     */
    public Page<Applicant> pendingChanges(Principal principal, PendingChangeKind kind, String cursor, int limit) {
        District district = null;
        if (!principal.hasAnyRole(Principal.ADMIN, Principal.AUDITOR)) {
            district = principal.district().flatMap(District::parse).orElseThrow(() -> new ProblemException(403,
                    "Forbidden", "an officer's token names no known district ('" + principal.district().orElse("") + "')",
                    "district"));
        }
        Instant now = clock.instant(); // one instant for the filter and the view: no row loses its change between them
        return applicants.pendingChanges(kind, district, now, cursor, limit).map(a -> a.promote(now));
    }

    /** A page of the applicant's audit entries in version order; the cursor is the last entry's version. */
    public Page<AuditEntry> history(Principal principal, String uscc, String cursor, int limit) {
        visible(principal, uscc);
        long after;
        try {
            after = cursor == null ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor", "not a cursor of this list");
        }
        return Page.ofFetched(applicants.history(uscc, after, limit + 1), limit, entry -> String.valueOf(entry.version()));
    }

    /** The applicant as it stands now: an approved change past its cooling-off is the account, even before the job saves it. */
    public Applicant asOfNow(Applicant applicant) {
        return applicant.promote(clock.instant());
    }
}
