package org.susong.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.applications.config.ApplicationsConfig;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.Attachment;
import org.susong.applications.domain.IllegalTransition;
import org.susong.applications.messaging.out.ApplicationEvents;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.commons.idempotency.IdempotencyInFlight;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Ids;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/**
 * Resubmission of a rejected application (issue 20 item 5): a new application linked by {@code resubmissionOf}, checked
 * as a new application is now - the measure's current version (facts), its window and the periods it takes - and decided
 * by eligibility under the current version like any new one.
 *
 * <p>Two documents, no transaction, so two writes in this order, each one atomic: (1) the rejected application is
 * closed by the resubmission (fact {@code RESUBMITTED}, CLOSED, which frees its period) and keeps the resubmission's
 * intent - new id, facts, attachments, period, the request's key and hash - in the same guarded write (its version: an
 * appeal or a second resubmission racing it loses, 409); (2) the new application is inserted with the period's open
 * slot, its idempotency record and its {@code ApplicationSubmitted} (with {@code resubmissionOf}) in its outbox. A crash
 * between them leaves a closed application naming a resubmission that does not exist yet: the next resubmission request
 * for it (a retry with the same key, or any other) inserts it from the stored intent, under the id already named, so it
 * is made once. Once the new one exists, another request is 409 naming it (the same key and body: the original answer).
 */
@ApplicationScoped
public class ResubmissionService {

    /** What the caller asks for: corrected facts and attachments, or (null) those of the rejected application. */
    public record ResubmitCommand(Map<String, Object> facts, List<Attachment> attachments) {
    }

    /** What the request hash covers: a key reused for another rejected application is another request. */
    private record Hashed(String resubmissionOf, Map<String, Object> facts, List<Attachment> attachments) {
    }

    private final ApplicationRepository applications;
    private final ApplicantRepository applicants;
    private final ApplicationService submissions;
    private final LifecycleService lifecycle;
    private final IdempotencyInFlight inFlight;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationsConfig config;
    private final DistrictMoves districtMoves;

    /** Test seam: runs after the rejected application is closed, before its resubmission is stored. */
    volatile Runnable afterClosing = () -> { };

    ResubmissionService(ApplicationRepository applications, ApplicantRepository applicants,
                        ApplicationService submissions, LifecycleService lifecycle, IdempotencyInFlight inFlight, OutboxRelay relay, ObjectMapper json, Clock clock,
                        ApplicationsConfig config, DistrictMoves districtMoves) {
        this.applications = applications;
        this.applicants = applicants;
        this.submissions = submissions;
        this.lifecycle = lifecycle;
        this.inFlight = inFlight;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.districtMoves = districtMoves;
    }

    /** The answer ({@code id}, {@code status}, {@code resubmissionOf}) and whether it replays an earlier request's. */
    public ApplicationService.Submitted resubmit(Principal principal, String rejectedId, ResubmitCommand command,
                                                 String idempotencyKey) {
        String scopedKey = IdempotencyRecords.scoped(principal, idempotencyKey);
        String requestHash = IdempotencyRecords.requestHash(new Hashed(rejectedId, command.facts(), command.attachments()));
        if (scopedKey == null) {
            return resubmit(principal, rejectedId, command, null, null, requestHash);
        }
        Optional<ApplicationService.Submitted> replay = replay(scopedKey, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!inFlight.begin(scopedKey)) {
            throw IdempotencyRecords.inProgress();
        }
        try {
            return resubmit(principal, rejectedId, command, scopedKey, idempotencyKey, requestHash);
        } finally {
            inFlight.end(scopedKey);
        }
    }

    private ApplicationService.Submitted resubmit(Principal principal, String rejectedId, ResubmitCommand command,
                                                  String scopedKey, String idempotencyKey, String requestHash) {
        ApplicationRepository.Versioned found = lifecycle.actedOn(principal, rejectedId);
        Application rejected = found.application();
        Optional<String> named = rejected.resubmittedAs();
        if (named.isPresent()) {
            return finish(principal, rejected, named.get(), scopedKey, requestHash, false);
        }
        try {
            rejected.requireResubmittable();
        } catch (IllegalTransition e) {
            throw LifecycleService.illegal(e);
        }
        Map<String, Object> facts = command.facts() != null ? command.facts() : rejected.facts();
        List<Attachment> attachments = command.attachments() != null ? command.attachments() : rejected.attachments();
        // checked as a new application is now: the measure's current version, its window, the periods it takes
        String period = submissions.checkAsSubmittedNow(rejected.measureCode(), rejected.period(), facts);
        // the new application is filed in the applicant's district now, as a submission is
        District district = applicants.find(rejected.applicantUscc()).map(Applicant::district).orElse(rejected.district());
        Instant now = clock.instant();
        String newId = Ids.newId("APP", clock);
        ApplicationRepository.ResubmissionIntent intent = new ApplicationRepository.ResubmissionIntent(newId, district,
                period, facts, attachments, principal.asActor(),
                idempotencyKey == null ? "request:" + newId : "request:" + idempotencyKey, requestHash, scopedKey, now);
        Application.Transition closed;
        try {
            closed = rejected.closeByResubmission(newId, now, principal.asActor());
        } catch (IllegalTransition e) {
            throw LifecycleService.illegal(e);
        }
        try {
            applications.closeByResubmission(closed.application(), found.version(), intent);
        } catch (OutboxFullException e) {
            throw e;
        } catch (TransientFailure e) {
            // an appeal, a withdrawal or another resubmission wrote first: this request is refused, the caller reads again
            throw ProblemException.conflict("application " + rejectedId + " changed while this request was served; try"
                    + " again").with("currentStatus", rejected.status().name());
        }
        afterClosing.run();
        return finish(principal, closed.application(), newId, scopedKey, requestHash, true);
    }

    /**
     * The resubmission the rejected application names: inserted from its stored intent when it is not there yet (a
     * crash after the first write), then answered - 201 to the request that made it or its retry (the same
     * Idempotency-Key and body), 409 naming it to any other (without a key, a repeat is another resubmission).
     */
    private ApplicationService.Submitted finish(Principal principal, Application rejected, String newId,
                                                String scopedKey, String requestHash, boolean closedByThisRequest) {
        ApplicationRepository.ResubmissionIntent intent = applications.resubmissionIntent(rejected.id())
                .orElseThrow(() -> new IllegalStateException("application " + rejected.id() + " names its resubmission "
                        + newId + " but keeps no intent"));
        boolean ours = closedByThisRequest || scopedKey != null && scopedKey.equals(intent.idempotencyKey())
                && requestHash.equals(intent.requestHash());
        if (applications.find(newId).isEmpty()) {
            insert(principal, rejected, intent);
        }
        if (!ours) {
            throw ProblemException.conflict("application " + rejected.id() + " was already resubmitted as " + newId
                    + "; a rejected application is resubmitted once").with("resubmittedAs", newId)
                    .with("currentStatus", rejected.status().name());
        }
        return ApplicationService.Submitted.of(answer(newId, rejected.id()), false);
    }

    private void insert(Principal principal, Application rejected, ApplicationRepository.ResubmissionIntent intent) {
        String newId = intent.id();
        District district = intent.district();
        String period = intent.period();
        String actor = intent.actor();
        String requestId = intent.requestId();
        Application.Submission submission = Application.resubmit(newId, rejected.id(), rejected.applicantUscc(),
                rejected.measureCode(), district, period, intent.facts(), intent.attachments(), intent.at(), actor,
                requestId);
        // handed to persistence unread: one insert holds the application and its ApplicationSubmitted
        var outbox = Outbox.entries(json, 0, List.of(ApplicationEvents.toWire(submission.event(), district,
                actor, requestId)), clock.instant());
        String scopedKey = intent.idempotencyKey();
        IdempotencyRecords.Record idempotency = scopedKey == null ? null : ApplicationRepository.keyed(scopedKey,
                intent.requestHash(), answer(newId, rejected.id()), clock.instant().plus(config.idempotency().retention()));
        if (applications.insert(submission.application(), outbox, idempotency) == ApplicationRepository.Inserted.KEY_TAKEN) {
            if (applications.find(newId).isPresent()) {
                return; // a concurrent retry inserted it
            }
            // the period was taken between the two writes by a new application of the same applicant: it stays the one
            String slot = ApplicationRepository.slot(rejected.applicantUscc(), rejected.measureCode(), period);
            throw applications.findOpen(slot).map(existing -> submissions.duplicate(principal, existing,
                    rejected.applicantUscc(), rejected.measureCode(), period)).orElseGet(() -> ProblemException.conflict("the resubmission could not be stored; try again"));
        }
        relay.publishSoon(ApplicationRepository.COLLECTION, newId);
        // filed in the applicant's district as read by the first write: it follows a move made since (DistrictMoves)
        districtMoves.afterFiling(newId, rejected.applicantUscc(), district);
    }

    private static ApplicationRepository.Answer answer(String newId, String rejectedId) {
        return new ApplicationRepository.Answer(newId, "SUBMITTED", rejectedId);
    }

    private Optional<ApplicationService.Submitted> replay(String scopedKey, String requestHash) {
        return applications.replay(scopedKey, requestHash, clock.instant())
                .map(answer -> ApplicationService.Submitted.of(answer, true));
    }
}
