package org.susong.eligibility.messaging.out;

import java.time.Instant;
import java.util.List;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Measure;

/**
 * Wire events of the eligibility service ({@code eligibility.events}), mapped explicitly from the
 * domain. Schemas: services/event-contracts/src/main/resources/schemas/eligibility/.
 */
public final class EligibilityEvents {

    public static final String SERVICE = "eligibility";
    public static final String MEASURE_PUBLISHED = EventHeaders.type(SERVICE, "MeasurePublished", 1);
    public static final String DECIDED = EventHeaders.type(SERVICE, "EligibilityDecided", 1);

    private EligibilityEvents() {
    }

    /** {@code susong.eligibility.MeasurePublished.v1}: a version of a measure, for other services' projections. */
    public record MeasurePublishedV1(String code, int version, String titleZh, String titleEn, String status,
                                     List<String> beneficiaryTypes, String validFrom, String validTo,
                                     List<String> requiredFacts, Long capFen, String capPeriod, String budgetLine,
                                     String disbursementMode, List<String> placeholders) {
    }

    public record Explanation(String en, String zh) {
    }

    /** {@code susong.eligibility.EligibilityDecided.v1}: the decision on one application. */
    public record EligibilityDecidedV1(String decisionId, String applicationId, String applicantUscc, String measureCode,
                                       String outcome, long amountFen, String ruleVersion, int fiscalYear, String district,
                                       String disbursementMode, Explanation explanation, List<Criterion> criteria,
                                       Instant decidedAt) {
    }

    public static NewEvent measurePublished(Measure m, String actor) {
        return NewEvent.of(MEASURE_PUBLISHED, m.code(), new MeasurePublishedV1(m.code(), m.version(), m.titleZh(), m.titleEn(),
                        m.status().name(), m.beneficiaryTypes(), m.validFrom().toString(), m.validTo().toString(),
                        m.requiredFacts(), m.capFen(), m.capPeriod(), m.budgetLine(), m.disbursementMode(), m.placeholders()))
                .actor(actor).correlation(m.code()).ruleVersion(m.ruleVersion()).build();
    }

    public static NewEvent decided(EligibilityDecidedV1 decided, String causation) {
        return NewEvent.of(DECIDED, decided.decisionId(), decided)
                .actor("system;system;;").correlation(decided.applicationId()).causation(causation)
                .district(decided.district()).ruleVersion(decided.ruleVersion()).build();
    }
}
