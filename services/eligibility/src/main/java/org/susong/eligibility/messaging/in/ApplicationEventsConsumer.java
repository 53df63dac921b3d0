package org.susong.eligibility.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.ids.District;
import org.susong.eligibility.application.AppealService;
import org.susong.eligibility.application.ApplicantDistricts;
import org.susong.eligibility.application.DecisionService;

/**
 * Submitted applications are decided (or finalise an automatic award proposal); appeals are decided again; an
 * applicant's district change moves its open reviews to the new district's officers.
 */
@ApplicationScoped
public class ApplicationEventsConsumer implements ReplayConsumer.Routes {

    static final String SUBMITTED = EventHeaders.type("applications", "ApplicationSubmitted", 1);
    static final String APPEALED = EventHeaders.type("applications", "ApplicationAppealed", 1);
    static final String DISTRICT_CHANGED = EventHeaders.type("applications", "ApplicantDistrictChanged", 1);

    private final EventConsumer consumer;
    private final DecisionService decisions;
    private final AppealService appeals;
    private final ApplicantDistricts districts;
    private final ObjectMapper json;
    private final Map<String, Consumer<InboundEvent>> handlers;

    ApplicationEventsConsumer(EventConsumer consumer, DecisionService decisions, AppealService appeals,
                              ApplicantDistricts districts, ObjectMapper json) {
        this.consumer = consumer;
        this.decisions = decisions;
        this.appeals = appeals;
        this.districts = districts;
        this.json = json;
        this.handlers = Map.of(SUBMITTED, this::submitted, APPEALED, this::appealed, DISTRICT_CHANGED,
                this::districtChanged);
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("applications.events", handlers);
    }

    /**
     * A polled batch (channel {@code batch=true}): consecutive submissions are decided together
     * ({@link DecisionService#decideAll}), each record acked after the batch's writes or dead-lettered
     * alone; appeals one by one in their place.
     */
    @Incoming("applications-in")
    @Blocking
    public CompletionStage<Void> onApplications(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(SUBMITTED, this::submittedAll), handlers);
    }

    private Map<String, RuntimeException> submittedAll(List<InboundEvent> events) {
        return EventConsumer.BatchHandler.reading(this::submission, this::decideAll).handle(events);
    }

    /** Decided in the district the applicant is in now (issue 20 item 6), looked at again after the writes. */
    private Map<String, RuntimeException> decideAll(List<DecisionService.Submission> submissions) {
        List<DecisionService.Submission> followed = districts.follow(submissions);
        Map<String, RuntimeException> refused = decisions.decideAll(followed);
        districts.afterDeciding(followed);
        return refused;
    }

    private void submitted(InboundEvent e) {
        submittedAll(List.of(e)).values().stream().findFirst().ifPresent(failure -> {
            throw failure;
        });
    }

    @SuppressWarnings("unchecked")
    private DecisionService.Submission submission(InboundEvent e) {
        if (!e.data().path("facts").isObject()) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has no 'facts' object");
        }
        Map<String, Object> facts = json.convertValue(e.data().get("facts"), Map.class);
        JsonNode proposal = e.data().get("proposalId");
        return new DecisionService.Submission(e.id(), e.hash(), e.text("applicationId"), e.text("applicantUscc"),
                e.text("measureCode"), e.text("district"), facts,
                proposal == null || proposal.isNull() ? null : proposal.asText(), submittedAt(e));
    }

    /** When applications took the application (stamped by its clock; the date eligibility judges it on), if given. */
    private static Instant submittedAt(InboundEvent e) {
        JsonNode at = e.data().get("submittedAt");
        if (at == null || at.isNull()) {
            return null;
        }
        try {
            return Instant.parse(at.asText());
        } catch (DateTimeParseException bad) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has a 'submittedAt' that is not an instant: "
                    + at.asText());
        }
    }

    /** An applicant moved: its open reviews follow it to the new district's officers (issue 20 item 6). */
    private void districtChanged(InboundEvent e) {
        District from = district(e, "fromDistrict");
        District to = district(e, "toDistrict");
        Instant effectiveAt;
        try {
            effectiveAt = Instant.parse(e.text("effectiveAt"));
        } catch (DateTimeParseException bad) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has an 'effectiveAt' that is not an instant");
        }
        districts.changed(new ApplicantDistricts.Change(e.text("uscc"), from, to, e.text("changeId"), effectiveAt));
    }

    private static District district(InboundEvent e, String field) {
        return District.parse(e.text(field)).orElseThrow(() -> new PermanentFailure(e.type() + " " + e.id() + " has a '"
                + field + "' that is no district: " + e.text(field)));
    }

    private void appealed(InboundEvent e) {
        java.util.List<java.util.Map<String, Object>> documents = new java.util.ArrayList<>();
        // the applicant's document references (issue 20 item 4), kept with the appeal for the officer
        e.data().path("documents").forEach(doc -> documents.add(json.convertValue(doc,
                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { })));
        appeals.appealed(new AppealService.Appeal(e.id(), e.hash(), e.text("applicationId"), e.text("decisionId"),
                e.data().path("grounds").asText(""), documents));
    }
}
