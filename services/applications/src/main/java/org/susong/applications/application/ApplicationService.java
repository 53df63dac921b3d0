package org.susong.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.Application;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.applications.persistence.EarlyFacts;
import org.susong.applications.persistence.MeasureProjection;
import org.susong.applications.messaging.out.ApplicationEvents;
import org.susong.commons.ids.Hashes;
import org.susong.commons.ids.Ids;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/**
 * Submitting applications. One insert holds the application, its first timeline entry, the
 * idempotency record (key scoped to the acting applicant + request hash + the response) and the
 * {@code ApplicationSubmitted} event in its outbox - so a crash can lose none of them separately.
 */
@ApplicationScoped
public class ApplicationService {

    /** What the caller asked for, already validated for shape by the REST layer. */
    public record SubmitCommand(String applicantUscc, String measureCode, Map<String, Object> facts) {
    }

    /** The answer, and whether it is a replay of an earlier request with the same key. */
    public record Submitted(Document response, boolean replayed) {
    }

    private final ApplicantRepository applicants;
    private final ApplicationRepository applications;
    private final MeasureProjection measures;
    private final EarlyFacts earlyFacts;
    private final LifecycleService lifecycle;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;

    ApplicationService(ApplicantRepository applicants, ApplicationRepository applications, MeasureProjection measures,
                       EarlyFacts earlyFacts, LifecycleService lifecycle, OutboxRelay relay, ObjectMapper json, Clock clock) {
        this.applicants = applicants;
        this.applications = applications;
        this.measures = measures;
        this.earlyFacts = earlyFacts;
        this.lifecycle = lifecycle;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    public Submitted submit(Principal principal, SubmitCommand command, String idempotencyKey) {
        if (principal.hasRole(Principal.APPLICANT) && !principal.hasRole(Principal.OFFICER)
                && !principal.actingFor().map(command.applicantUscc()::equals).orElse(false)) {
            throw new ProblemException(403, "Forbidden", "an applicant may only apply for the enterprise it acts for",
                    "applicantUscc");
        }
        String scopedKey = idempotencyKey == null ? null
                : principal.actingFor().orElse(principal.user()) + ":" + idempotencyKey;
        String requestHash = Hashes.sha256(Outbox.serialise(json, command));
        if (scopedKey != null) {
            Optional<Submitted> replay = replay(scopedKey, requestHash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Applicant applicant = applicants.find(command.applicantUscc()).orElseThrow(() -> ProblemException.unprocessable(
                "applicantUscc", "no applicant is registered with USCC " + command.applicantUscc()));
        MeasureProjection.Measure measure = measures.find(command.measureCode()).orElseThrow(() ->
                ProblemException.unprocessable("measureCode", "measure '" + command.measureCode() + "' does not exist"));
        if (!"OPEN".equals(measure.status())) {
            throw ProblemException.unprocessable("measureCode", "measure " + measure.code() + " is " + measure.status()
                    + " and takes no applications");
        }
        for (String required : measure.requiredFacts()) {
            Object value = command.facts().get(required);
            if (value == null || value.toString().isBlank()) {
                throw ProblemException.unprocessable("facts." + required, "measure " + measure.code() + " needs the fact '"
                        + required + "'");
            }
        }
        String id = Ids.newId("APP", clock);
        String requestId = idempotencyKey == null ? "request:" + id : "request:" + idempotencyKey;
        Application.Submission submission = Application.submit(id, applicant.uscc().value(), measure.code(),
                applicant.district(), command.facts(), clock.instant(), principal.asActor(), requestId);
        Document response = new Document("id", id).append("status", submission.application().status().name());
        List<Document> outbox = Outbox.entries(json, 0, List.of(ApplicationEvents.toWire(submission.event(),
                principal.asActor(), requestId)), clock.instant());
        if (!applications.insert(submission.application(), outbox, scopedKey, requestHash, response)) {
            // a concurrent request with the same key won the insert: answer as a replay of it
            return replay(scopedKey, requestHash).orElseThrow(() -> ProblemException.conflict(
                    "a request with this Idempotency-Key is still in progress"));
        }
        relay.publishSoon(ApplicationRepository.COLLECTION, id);
        earlyFacts.forApplication(id).forEach(fact -> lifecycle.record(id, fact));
        return new Submitted(response, false);
    }

    private Optional<Submitted> replay(String scopedKey, String requestHash) {
        return applications.findRawByIdempotencyKey(scopedKey).map(existing -> {
            if (!requestHash.equals(existing.getString("requestHash"))) {
                throw ProblemException.unprocessable("Idempotency-Key", "this Idempotency-Key was used for a different"
                        + " request body").with("applicationId", existing.getString("_id"));
            }
            return new Submitted(existing.get("response", Document.class), true);
        });
    }
}
