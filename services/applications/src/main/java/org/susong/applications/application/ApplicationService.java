package org.susong.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.susong.applications.config.ApplicationsConfig;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.Attachment;
import org.susong.applications.domain.IllegalTransition;
import org.susong.applications.messaging.out.ApplicationEvents;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.applications.persistence.EarlyFacts;
import org.susong.applications.persistence.MeasureProjection;
import org.susong.applications.persistence.PendingProposals;
import org.susong.commons.ids.District;
import org.susong.commons.idempotency.IdempotencyInFlight;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.susong.commons.ids.Hashes;
import org.susong.commons.ids.Ids;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;

/**
 * Creating applications: by an applicant or officer (as a draft or submitted), from a draft, and
 * by the platform from an automatic award proposal. One insert holds the application, its first
 * timeline entry, the idempotency record (key scoped to the acting applicant + request hash + the
 * answer + its expiry), the open slot of the duplicate rule and the {@code ApplicationSubmitted}
 * event in its outbox - so a crash can lose none of them separately.
 */
@ApplicationScoped
public class ApplicationService {

    /** What the caller asked for, already validated for shape by the REST layer. */
    public record SubmitCommand(String applicantUscc, String measureCode, String period, Map<String, Object> facts,
                                List<Attachment> attachments, boolean draft) {
    }

    /**
     * The answer - the new application's id and status and, for a resubmission, the rejected application it resubmits
     * (null otherwise) - and whether it is a replay of an earlier request with the same key.
     */
    public record Submitted(String id, String status, String resubmissionOf, boolean replayed) {

        static Submitted of(ApplicationRepository.Answer answer, boolean replayed) {
            return new Submitted(answer.id(), answer.status(), answer.resubmissionOf(), replayed);
        }
    }

    /** An automatic award proposal, as eligibility sent it. */
    public record Proposal(String proposalId, String eventId, String measureCode, String beneficiaryUscc, District district,
                           int fiscalYear, Map<String, Object> facts, Instant proposedAt) {
    }

    private static final String SYSTEM = Principal.system().asActor();

    private final ApplicantRepository applicants;
    private final ApplicationRepository applications;
    private final MeasureProjection measures;
    private final EarlyFacts earlyFacts;
    private final PendingProposals pendingProposals;
    private final LifecycleService lifecycle;
    private final FactsValidator validator;
    private final IdempotencyInFlight inFlight;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationsConfig config;
    private final DistrictMoves districtMoves;

    ApplicationService(ApplicantRepository applicants, ApplicationRepository applications, MeasureProjection measures,
                       EarlyFacts earlyFacts, PendingProposals pendingProposals, LifecycleService lifecycle,
                       FactsValidator validator, IdempotencyInFlight inFlight, OutboxRelay relay, ObjectMapper json,
                       Clock clock, ApplicationsConfig config, DistrictMoves districtMoves) {
        this.applicants = applicants;
        this.applications = applications;
        this.measures = measures;
        this.earlyFacts = earlyFacts;
        this.pendingProposals = pendingProposals;
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.inFlight = inFlight;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.districtMoves = districtMoves;
    }

    public Submitted submit(Principal principal, SubmitCommand command, String idempotencyKey) {
        String scopedKey = IdempotencyRecords.scoped(principal, idempotencyKey);
        // canonical JSON: the same request with its facts in another key order is the same request
        String requestHash = IdempotencyRecords.requestHash(command);
        if (scopedKey == null) {
            return create(principal, command, null, requestHash, null);
        }
        Optional<Submitted> replay = replay(scopedKey, command, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!inFlight.begin(scopedKey)) {
            throw IdempotencyRecords.inProgress();
        }
        try {
            return create(principal, command, scopedKey, requestHash, idempotencyKey);
        } finally {
            inFlight.end(scopedKey);
        }
    }

    private Submitted create(Principal principal, SubmitCommand command, String scopedKey, String requestHash,
                             String idempotencyKey) {
        requireValues(command.facts());
        // another district's or USCC's applicant answers as one that does not exist: 404, never its existence
        Applicant applicant = applicants.find(command.applicantUscc())
                .filter(a -> principal.sees(a.district().english(), a.uscc().value()))
                .orElseThrow(() -> noApplicant(command.applicantUscc()));
        MeasureProjection.Measure measure = measures.find(command.measureCode()).orElseThrow(() ->
                ProblemException.unprocessable("measureCode", "measure '" + command.measureCode() + "' does not exist"));
        String period = period(measure, command.period());
        if (!command.draft()) {
            requireOpen(measure);
            validator.check(measure, command.facts());
        }
        Instant now = clock.instant();
        // the duplicate rule is the unique open slot: the insert below finds a taken one (no read before it)
        String slot = ApplicationRepository.slot(applicant.uscc().value(), measure.code(), period);
        String id = Ids.newId("APP", clock);
        String requestId = idempotencyKey == null ? "request:" + id : "request:" + idempotencyKey;
        Application application;
        List<NewEvent> events;
        if (command.draft()) {
            application = Application.draft(id, applicant.uscc().value(), measure.code(), applicant.district(), period,
                    command.facts(), command.attachments(), now, principal.asActor(), requestId);
            events = List.of();
        } else {
            Application.Submission submission = Application.submit(id, applicant.uscc().value(), measure.code(),
                    applicant.district(), period, command.facts(), command.attachments(), now, principal.asActor(),
                    requestId, null);
            application = submission.application();
            events = List.of(ApplicationEvents.toWire(submission.event(), application.district(), principal.asActor(),
                    requestId));
        }
        // handed to persistence unread (a draft's is empty): one insert holds the application and its events
        var outbox = Outbox.entries(json, 0, events, now);
        ApplicationRepository.Answer answer = new ApplicationRepository.Answer(id, application.status().name(), null);
        IdempotencyRecords.Record idempotency = scopedKey == null ? null
                : ApplicationRepository.keyed(scopedKey, requestHash, answer, now.plus(config.idempotency().retention()));
        if (applications.insert(application, outbox, idempotency) == ApplicationRepository.Inserted.KEY_TAKEN) {
            // a concurrent request won: the same key (answer as its replay) or the same open slot (duplicate)
            if (scopedKey != null) {
                Optional<Submitted> replay = replay(scopedKey, command, requestHash);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            throw applications.findOpen(slot).map(existing -> duplicate(principal, existing, applicant.uscc().value(),
                    measure.code(), period)).orElseGet(() -> ProblemException.conflict(
                    "the application could not be stored; try again"));
        }
        if (!outbox.isEmpty()) {
            // a fresh random id: no other service can have reported a fact about it yet (no early facts to apply)
            relay.publishSoon(ApplicationRepository.COLLECTION, id);
        }
        // filed in the district read above: an applicant that moved meanwhile takes it along (DistrictMoves)
        districtMoves.afterFiling(id, applicant.uscc().value(), applicant.district());
        return Submitted.of(answer, false);
    }

    /**
     * The period comes from the measure, never from free text (each spelling would be another duplicate
     * slot): the current business year, or another business year of the measure's validity window.
     */
    private String period(MeasureProjection.Measure measure, String requested) {
        int currentYear = clock.instant().atZone(BusinessClock.ZONE).getYear();
        if (requested == null || requested.isBlank()) {
            return String.valueOf(currentYear);
        }
        String period = requested.trim();
        if (!period.matches("[0-9]{4}")) {
            throw ProblemException.badRequest("period", "a period is a business year such as " + currentYear + ", not '"
                    + requested + "'");
        }
        List<String> periods = measure.periods(currentYear);
        if (!periods.contains(period)) {
            throw ProblemException.unprocessable("period", "measure " + measure.code() + " takes applications for "
                    + String.join(", ", periods) + "; not for " + period);
        }
        return period;
    }

    /**
     * The checks of a submission as the measure is now (its current version): it exists (422 {@code measureCode}), the
     * period is one it takes (422 {@code period}), it is open and in its window, the facts are valid. Used by a
     * resubmission, which is checked as a new application is.
     *
     * @return the period
     */
    String checkAsSubmittedNow(String measureCode, String requestedPeriod, Map<String, Object> facts) {
        requireValues(facts);
        MeasureProjection.Measure measure = measures.find(measureCode).orElseThrow(() ->
                ProblemException.unprocessable("measureCode", "measure '" + measureCode + "' does not exist"));
        String period = period(measure, requestedPeriod);
        requireOpen(measure);
        validator.check(measure, facts);
        return period;
    }

    /** A fact is named with a value: a null one is 400 naming it (leave out a fact you do not have). */
    static void requireValues(Map<String, Object> facts) {
        facts.forEach((name, value) -> {
            if (value == null) {
                throw ProblemException.badRequest("facts." + name, "a fact has a value; leave out a fact that is not known");
            }
        });
    }

    /** DRAFT -> SUBMITTED: the measure must be open and the facts valid now. */
    public Application submitDraft(Principal principal, String id) {
        ApplicationRepository.Versioned found = lifecycle.actedOn(principal, id);
        MeasureProjection.Measure measure = measures.find(found.application().measureCode()).orElseThrow(() ->
                ProblemException.unprocessable("measureCode", "measure '" + found.application().measureCode()
                        + "' does not exist"));
        Application.Submission submission;
        try {
            submission = found.application().submitDraft(clock.instant(), principal.asActor(), "request:" + UUID.randomUUID());
        } catch (IllegalTransition e) {
            throw LifecycleService.illegal(e);
        }
        requireOpen(measure);
        validator.check(measure, found.application().facts());
        try {
            lifecycle.persist(found, new Application.Transition(submission.application(), List.of(submission.event())),
                    principal.asActor(), submission.application().timeline().get(submission.application().timeline().size() - 1)
                            .eventId());
        } catch (org.susong.commons.messaging.OutboxFullException e) {
            throw e; // 503 with Retry-After
        } catch (TransientFailure e) {
            throw ProblemException.conflict("application " + id + " changed while this request was served; try again");
        }
        return submission.application();
    }

    /**
     * A system-initiated application from an automatic award proposal. Its id is derived from the
     * proposal id, so a redelivered proposal finds the application it already created. When the
     * beneficiary is not registered yet, or has no effective bank account yet, the proposal waits for it.
     *
     * @return the application id, or empty while the proposal waits for its applicant
     */
    public Optional<String> fromProposal(Proposal proposal, String actor) {
        Optional<Applicant> applicant = payable(proposal.beneficiaryUscc());
        if (applicant.isEmpty()) {
            pendingProposals.keep(new PendingProposals.Pending(proposal.proposalId(), proposal.beneficiaryUscc(),
                    proposal.eventId(), actor, Outbox.serialise(json, proposal)), clock.instant());
            // the account may have taken effect between the two reads: look again, so neither side misses the other
            applicant = payable(proposal.beneficiaryUscc());
            if (applicant.isEmpty()) {
                return Optional.empty();
            }
        }
        String id = Ids.derivedId("APP", proposal.proposedAt().atZone(BusinessClock.ZONE).toLocalDate(),
                proposal.proposalId());
        if (applications.find(id).isEmpty()) {
            District district = proposal.district() == null ? applicant.get().district() : proposal.district();
            Application.Submission submission = Application.submit(id, proposal.beneficiaryUscc(), proposal.measureCode(),
                    district, String.valueOf(proposal.fiscalYear()), proposal.facts(), List.of(), clock.instant(), SYSTEM,
                    proposal.eventId(), proposal.proposalId());
            var outbox = Outbox.entries(json, 0, List.of(ApplicationEvents.toWire(submission.event(), district,
                    SYSTEM, proposal.eventId())), clock.instant());
            if (applications.insert(submission.application(), outbox, null) == ApplicationRepository.Inserted.INSERTED) {
                afterInsert(submission.application(), true);
                if (proposal.district() == null) { // filed in the applicant's district: it follows a move made meanwhile
                    districtMoves.afterFiling(id, proposal.beneficiaryUscc(), district);
                }
            }
        }
        pendingProposals.resolved(proposal.proposalId(), id);
        return Optional.of(id);
    }

    /**
     * The beneficiary of an award, once registered with an effective bank account (approved by a second officer,
     * its cooling-off over): whoever registered a contract's seller first cannot take its award with their own
     * account on their word alone. The account is the saved one: a due change is saved first ({@link EffectiveAccount}).
     */
    private Optional<Applicant> payable(String uscc) {
        return EffectiveAccount.saved(applicants, uscc, clock.instant()).filter(a -> a.payableAccount() != null);
    }

    /** Proposals that waited for this applicant's effective account become applications. */
    public void releaseWaitingProposals(String uscc) {
        for (PendingProposals.Pending pending : pendingProposals.waitingFor(uscc)) {
            try {
                fromProposal(json.readValue(pending.payload(), Proposal.class), pending.actor());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("pending proposal " + pending.proposalId() + " is unreadable", e);
            }
        }
    }

    private void afterInsert(Application application, boolean published) {
        if (published) {
            relay.publishSoon(ApplicationRepository.COLLECTION, application.id());
        }
        earlyFacts.forApplication(application.id()).forEach(fact -> lifecycle.record(application.id(), fact));
    }

    /**
     * The measure is OPEN and takes applications on the business date: within its validity window (every measure of the
     * 2024-2026 policy ends on 2026-12-31, so none is taken after that; appeals and payments of earlier awards go on).
     */
    private void requireOpen(MeasureProjection.Measure measure) {
        if (!measure.takesApplications()) {
            throw ProblemException.unprocessable("measureCode", "measure " + measure.code() + " is " + measure.status()
                    + " and takes no applications");
        }
        java.time.LocalDate today = clock.instant().atZone(BusinessClock.ZONE).toLocalDate();
        if (measure.validTo() != null && today.isAfter(measure.validTo())
                || measure.validFrom() != null && today.isBefore(measure.validFrom())) {
            throw ProblemException.unprocessable("measureCode", "measure " + measure.code() + " takes applications from "
                    + measure.validFrom() + " to " + measure.validTo() + ", not on " + today);
        }
    }

    /** An applicant that does not exist, or that the principal may not apply for: the same 404. */
    static ProblemException noApplicant(String uscc) {
        return new ProblemException(404, "Not found", "no applicant with USCC " + uscc
                + " is registered for you to apply for", "applicantUscc");
    }

    /** The 409 of the duplicate rule; it names the existing application only to a principal who may see it. */
    ProblemException duplicate(Principal principal, String existing, String uscc, String measure, String period) {
        String detail = "applicant " + uscc + " already has an open application under " + measure + " for period " + period;
        boolean visible = lifecycle.find(existing).map(a -> LifecycleService.visibleTo(principal, a)).orElse(false);
        return visible ? ProblemException.conflict(detail + ": " + existing).with("existingApplicationId", existing)
                .with("existingApplication", "/applications/" + existing) : ProblemException.conflict(detail);
    }

    /** The answer kept under the key, while its retention lasts: past it the key is forgotten here, before the purge job. */
    private Optional<Submitted> replay(String scopedKey, SubmitCommand command, String requestHash) {
        // records kept before the hash became canonical (within their retention) hold the plain serialisation's
        return applications.replay(scopedKey, requestHash, clock.instant(), Hashes.sha256(Outbox.serialise(json, command)))
                .map(answer -> Submitted.of(answer, true));
    }

    /** Drops idempotency records past their retention; the store has no TTL, so this runs on a schedule. */
    public long purgeIdempotency(Instant now) {
        return applications.purgeIdempotency(now);
    }

    @io.quarkus.scheduler.Scheduled(every = "${susong.applications.idempotency.purge-every:1h}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void purgeExpiredIdempotencyRecords() {
        purgeIdempotency(clock.instant());
    }
}
