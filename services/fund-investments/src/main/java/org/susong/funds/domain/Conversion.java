package org.susong.funds.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;

/**
 * A grant-to-investment conversion (拨改投, measures C1/D1): an award payments asked to turn into an
 * investment. Its id is payments' {@code CV-<decisionId>}; the document is the intent (architecture
 * rule 4, docs/architecture.md#rule-4) and ends COMPLETED, with a deterministic equity position {@code INV-<conversionId>}, or
 * REJECTED with a reason code. Either end is reached once, whatever the redelivery.
 *
 * @param request what payments asked, kept as received (a redelivery is compared with it)
 */
public record Conversion(String id, Request request, ConversionState state, String investmentId, Rejection rejection,
                         Instant finishedAt) {

    /**
     * PENDING as recorded; APPLYING once a delivery has claimed it (for a while) to move the fund;
     * COMPLETED or REJECTED at the end.
     */
    public enum ConversionState {
        PENDING,
        APPLYING,
        COMPLETED,
        REJECTED;

        public boolean finished() {
            return this == COMPLETED || this == REJECTED;
        }
    }

    /** Why a fund cannot take a conversion (the agreed codes of ConversionRejected.v1). */
    public enum ReasonCode {
        UNKNOWN_FUND,
        FUND_CLOSED,
        OUT_OF_SCOPE,
        INVALID
    }

    public record Rejection(ReasonCode code, String reason) {
    }

    /**
     * {@code ConversionRequested.v1} as received. Values are kept as text so that a request whose
     * values are wrong (but whose shape is right) is recorded and rejected INVALID, not lost.
     *
     * @param eventId          the {@code ce_id} of the request (the causation of what follows)
     * @param beneficiaryStage START_UP | GROWTH | MATURE, or null when not given
     * @param beneficiaryField free text (e.g. {@code digitalisation}), or null when not given
     */
    public record Request(String conversionId, String orderId, String decisionId, String applicationId,
                          String beneficiaryUscc, String measureCode, String fundCode, long amountFen, String district,
                          long fiscalYear, Instant requestedAt, String beneficiaryStage, String beneficiaryField,
                          String eventId) {

        /** The same conversion: every term but the event id and the request time (a re-publish may differ in those). */
        public boolean sameTermsAs(Request other) {
            return conversionId.equals(other.conversionId) && orderId.equals(other.orderId)
                    && decisionId.equals(other.decisionId) && applicationId.equals(other.applicationId)
                    && beneficiaryUscc.equals(other.beneficiaryUscc) && fundCode.equals(other.fundCode)
                    && amountFen == other.amountFen && Objects.equals(beneficiaryStage, other.beneficiaryStage)
                    && Objects.equals(beneficiaryField, other.beneficiaryField);
        }

        /** Why the request cannot be applied although it is well-formed, if it cannot. */
        public Optional<String> invalidity() {
            if (!conversionId.equals("CV-" + decisionId)) {
                return Optional.of("conversionId " + conversionId + " is not CV-<decisionId> (CV-" + decisionId + ")");
            }
            if (amountFen <= 0) {
                return Optional.of("amountFen must be more than 0, not " + amountFen);
            }
            Optional<String> uscc = Uscc.shapeProblem(beneficiaryUscc);
            if (uscc.isPresent()) {
                return Optional.of("beneficiaryUscc: " + uscc.get());
            }
            if (District.parse(district).isEmpty()) {
                return Optional.of("district '" + district + "' is none of " + District.allowed());
            }
            if (beneficiaryStage != null && stage().isEmpty()) {
                return Optional.of("beneficiaryStage '" + beneficiaryStage + "' is none of START_UP, GROWTH, MATURE");
            }
            return Optional.empty();
        }

        public Optional<Stage> stage() {
            if (beneficiaryStage == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Stage.valueOf(beneficiaryStage.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** The outcome of checking a conversion against the fund, and the events to publish. */
    public record Completion(Conversion conversion, Investment position, ConversionEvent.Completed event,
                             InvestmentEvent.Committed positionEvent) {
    }

    public record Refusal(Conversion conversion, ConversionEvent.Rejected event) {
    }

    public static Conversion requested(Request request) {
        return new Conversion(request.conversionId(), request, ConversionState.PENDING, null, null, null);
    }

    /** The deterministic id of the equity position a conversion becomes: one position per conversion. */
    public static String positionId(String conversionId) {
        return "INV-" + conversionId;
    }

    /**
     * Why the fund cannot take this conversion, checked before any money moves: the request's own
     * values, then the fund (absent = unknown), its status and its investment scope.
     */
    public Optional<Rejection> check(Optional<Fund> fund) {
        Optional<String> invalid = request.invalidity();
        if (invalid.isPresent()) {
            return Optional.of(new Rejection(ReasonCode.INVALID, invalid.get()));
        }
        if (fund.isEmpty()) {
            return Optional.of(new Rejection(ReasonCode.UNKNOWN_FUND, "there is no fund " + request.fundCode()));
        }
        Fund f = fund.get();
        if (f.status() != FundStatus.OPEN) {
            return Optional.of(new Rejection(ReasonCode.FUND_CLOSED, "fund " + f.id() + " is " + f.status()
                    + " and takes no new money"));
        }
        Optional<Fund.ScopeProblem> scope = f.scopeProblem(request.stage().orElse(null), request.beneficiaryField());
        if (scope.isPresent()) {
            return Optional.of(new Rejection(ReasonCode.OUT_OF_SCOPE, scope.get().reason()));
        }
        if (!f.mandate().instruments().contains(Instrument.EQUITY)) {
            return Optional.of(new Rejection(ReasonCode.OUT_OF_SCOPE, "fund " + f.id() + " takes no equity positions"));
        }
        return Optional.empty();
    }

    /**
     * The fund took the money: the conversion completes and the beneficiary holds an equity position
     * of the fund, dated the request's business day, at the enterprise's stage (or the fund's earliest
     * stage when not given, flagged), with no stake yet (the conversion does not fix one).
     *
     * @param actor who acts: the platform itself ({@code Principal.system().asActor()})
     */
    public Completion complete(Fund fund, LocalDate investedOn, String actor, Instant now) {
        requirePending();
        Optional<Stage> stage = request.stage();
        InvestmentTerms terms = new InvestmentTerms(Uscc.parse(request.beneficiaryUscc()), "Grant-to-investment (拨改投)",
                Instrument.EQUITY, Money.ofFen(request.amountFen()), null, investedOn, stage.orElse(fund.defaultStage()));
        Investment.Context context = new Investment.Context(District.parse(request.district()).orElseThrow(),
                request.beneficiaryField(), null, false, null, id, stage.isEmpty());
        String positionId = positionId(id);
        Investment position = new Investment(positionId, fund.id(), terms, context, InvestmentState.PENDING,
                actor, "event:" + request.eventId(), now, null, null, null, null);
        Investment.Commitment commitment = position.commit(now);
        Conversion completed = new Conversion(id, request, ConversionState.COMPLETED, positionId, null, now);
        return new Completion(completed, commitment.investment(), new ConversionEvent.Completed(id, request,
                fund.id(), positionId, now), commitment.event());
    }

    public Refusal reject(Rejection rejection, Instant now) {
        requirePending();
        Conversion rejected = new Conversion(id, request, ConversionState.REJECTED, null, rejection, now);
        return new Refusal(rejected, new ConversionEvent.Rejected(id, request, rejection, now));
    }

    private void requirePending() {
        if (state.finished()) {
            throw new IllegalTransition("conversion " + id + " is already " + state);
        }
    }
}
