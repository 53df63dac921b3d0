package org.susong.applications.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.susong.commons.ids.District;

/**
 * An application of one applicant under one measure. It decides nothing about money: it records
 * what the applicant claimed and, as a timeline, every fact other services report about it.
 */
public record Application(String id, String applicantUscc, String measureCode, District district,
                          Map<String, Object> facts, Instant submittedAt, String submittedBy, List<Fact> timeline) {

    public Application {
        facts = Map.copyOf(facts);
        timeline = List.copyOf(timeline);
    }

    /** Submission: the first fact of the timeline and the event that announces it. */
    public static Submission submit(String id, String applicantUscc, String measureCode, District district,
                                    Map<String, Object> facts, Instant now, String actor, String requestId) {
        Fact submitted = new Fact(requestId, "SUBMITTED", ApplicationStatus.SUBMITTED, now, actor,
                "submitted under measure " + measureCode);
        Application application = new Application(id, applicantUscc, measureCode, district, facts, now, actor,
                List.of(submitted));
        return new Submission(application, new ApplicationEvent.Submitted(id, applicantUscc, measureCode, district,
                facts, now));
    }

    public record Submission(Application application, ApplicationEvent.Submitted event) {
    }

    /** The highest-ranked status among the facts; among equal ranks, the latest fact. */
    public ApplicationStatus status() {
        return timeline.stream()
                .max(Comparator.comparingInt((Fact f) -> f.status().rank()).thenComparing(Fact::at))
                .map(Fact::status)
                .orElse(ApplicationStatus.SUBMITTED);
    }

    public boolean knows(String eventId) {
        return timeline.stream().anyMatch(f -> f.eventId().equals(eventId));
    }

    /** Records a fact once; a fact already known leaves the application as it is. */
    public Application record(Fact fact) {
        if (knows(fact.eventId())) {
            return this;
        }
        List<Fact> facts = new ArrayList<>(timeline);
        facts.add(fact);
        facts.sort(Comparator.comparing(Fact::at));
        return new Application(id, applicantUscc, measureCode, district, this.facts, submittedAt, submittedBy, facts);
    }
}
