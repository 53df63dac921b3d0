package org.susong.funds.messaging.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.ConversionEvent;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentEvent;

/**
 * Wire events of the fund-investments service ({@code fund-investments.events}), mapped explicitly
 * from domain events. Schemas: services/event-contracts/src/main/resources/schemas/fund-investments/.
 * Optional fields are absent, never null.
 */
public final class InvestmentEvents {

    public static final String SERVICE = "fund-investments";
    public static final String COMMITTED = EventHeaders.type(SERVICE, "InvestmentCommitted", 1);
    public static final String EXITED = EventHeaders.type(SERVICE, "InvestmentExited", 1);
    public static final String CAPITAL_MOVED = EventHeaders.type(SERVICE, "CapitalMoved", 1);
    public static final String CAPITAL_REFUSED = EventHeaders.type(SERVICE, "CapitalMovementRefused", 1);
    public static final String REFUSED = EventHeaders.type(SERVICE, "InvestmentRefused", 1);
    public static final String CONVERSION_COMPLETED = EventHeaders.type(SERVICE, "ConversionCompleted", 1);
    public static final String CONVERSION_REJECTED = EventHeaders.type(SERVICE, "ConversionRejected", 1);
    public static final String FUND_SCOPE_PUBLISHED = EventHeaders.type(SERVICE, "FundScopePublished", 1);

    private InvestmentEvents() {
    }

    /**
     * {@code susong.fund-investments.InvestmentCommitted.v1}: a fund committed money to an enterprise.
     *
     * @param stakeBasisPoints equity stake in basis points (1 = 0.01%); absent for a grant-to-investment position
     * @param firstRoundId     a follow-on's first round
     * @param conversionId     the grant-to-investment conversion the position comes from
     * @param fromReserve      true on a follow-on drawn from the fund's reserve (issue 20 item 9), else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvestmentCommittedV1(String investmentId, String fundId, String enterpriseUscc, String round,
                                        String instrument, long amountFen, Integer stakeBasisPoints, LocalDate investedOn,
                                        String stage, String district, String field, String firstRoundId,
                                        Boolean c3ResearchInfrastructure, String conversionId, Boolean fromReserve) {
    }

    /**
     * {@code susong.fund-investments.InvestmentExited.v1}: a fund left an investment, or a part of it
     * ({@code exitId}, {@code exitedFen} the part of the amount invested, {@code heldFen} what it still holds).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvestmentExitedV1(String investmentId, String fundId, String enterpriseUscc, long amountFen,
                                     String exitKind, LocalDate exitedOn, long proceedsFen,
                                     long realisedMultipleBasisPoints, Instant recordedAt, String exitId, Long exitedFen,
                                     Long heldFen) {
    }

    /**
     * {@code susong.fund-investments.InvestmentRefused.v1}: an investment that moved no money and never will
     * ({@code outcome} REFUSED, REJECTED or EXPIRED).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvestmentRefusedV1(String investmentId, String fundId, String enterpriseUscc, long amountFen,
                                      String outcome, String field, String reason, Long availableFen, String rejectedBy,
                                      Instant refusedAt) {
    }

    /** {@code susong.fund-investments.CapitalMoved.v1}: a journal entry of a fund's capital (commitment, call, paid-in). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CapitalMovedV1(String movementId, String fundId, String kind, String source, long amountFen,
                                 String callId, LocalDate dated, long reserveFen, Instant appliedAt) {
    }

    /**
     * {@code susong.fund-investments.CapitalMovementRefused.v1}: a capital movement the fund's counter refused (a
     * management fee beyond the reserve, a commitment beyond the target, a call beyond what is committed and not called);
     * it moved nothing and never will. {@code reserveFen} is the reserve at the refusal of a MANAGEMENT_FEE.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CapitalMovementRefusedV1(String movementId, String fundId, String kind, String source, long amountFen,
                                           LocalDate dated, String reason, Long reserveFen, Instant refusedAt) {
    }

    /** A refused capital movement, from the movement's own outbox in the write that refuses it. */
    public static NewEvent refused(CapitalMovement m, Long reserveFen, String actor, Instant now) {
        return NewEvent.of(CAPITAL_REFUSED, m.id(), new CapitalMovementRefusedV1(m.id(), m.fundId(), m.kind().name(),
                        m.source() == null ? null : m.source().name(), m.amount().fen(), m.dated(), m.refusal(), reserveFen,
                        now))
                .actor(actor).correlation(m.fundId()).causation("request:" + m.id())
                .build();
    }

    /**
     * {@code susong.fund-investments.FundScopePublished.v1}: the stages and field codes (empty: any) the fund invests
     * in, as {@code Fund.scopeProblem} checks them (issue 16 item 5: eligibility decides a 拨改投 award the fund would
     * refuse as a grant).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FundScopePublishedV1(String fundId, String parentFundId, List<String> stages, List<String> fields,
                                       Instant publishedAt) {
    }

    /** The scope of a fund being created, published from the fund document's outbox; correlation the fund. */
    public static NewEvent scopePublished(Fund fund, String actor, Instant now) {
        return NewEvent.of(FUND_SCOPE_PUBLISHED, fund.id(), new FundScopePublishedV1(fund.id(), fund.parentFundId(),
                        fund.mandate().stages().stream().sorted().map(Enum::name).toList(), fund.mandate().fields(), now))
                .actor(actor).correlation(fund.id()).causation("fund:" + fund.id())
                .build();
    }

    /** The journal entry of an applied capital movement; correlation the fund, causation the request. */
    public static NewEvent toWire(CapitalMovement.Moved m, String actor) {
        return NewEvent.of(CAPITAL_MOVED, m.movementId(), new CapitalMovedV1(m.movementId(), m.fundId(), m.kind().name(),
                        m.source() == null ? null : m.source().name(), m.amount().fen(), m.callId(), m.dated(), m.reserve().fen(), m.appliedAt()))
                .actor(actor).correlation(m.fundId()).causation("request:" + m.movementId())
                .build();
    }

    public record ConversionCompletedV1(String conversionId, String orderId, String decisionId, String applicationId,
                                        String fundCode, String investmentId, String beneficiaryUscc, long amountFen,
                                        Instant completedAt) {
    }

    public record ConversionRejectedV1(String conversionId, String orderId, String decisionId, String applicationId,
                                       String fundCode, String reasonCode, String reason, Instant rejectedAt) {
    }

    /**
     * The event to publish; for an investment the correlation is the investment (what the work is
     * about), the causation the request that asked for it.
     */
    public static NewEvent toWire(InvestmentEvent event, String actor, String causation) {
        if (event instanceof InvestmentEvent.Committed c) {
            Investment.Context x = c.context();
            return NewEvent.of(COMMITTED, c.investmentId(), new InvestmentCommittedV1(c.investmentId(), c.fundId(),
                            c.enterpriseUscc(), c.round(), c.instrument().name(), c.amount().fen(), c.stakeBasisPoints(),
                            c.investedOn(), c.stage().name(), x.district() == null ? null : x.district().name(), x.field(),
                            x.firstRoundId(), x.c3ResearchInfrastructure() ? Boolean.TRUE : null, x.conversionId(),
                            x.fromReserve() ? Boolean.TRUE : null))
                    .actor(actor).correlation(c.investmentId()).causation(causation)
                    .district(x.district() == null ? null : x.district().name())
                    .build();
        }
        if (event instanceof InvestmentEvent.Refused r) {
            return NewEvent.of(REFUSED, r.investmentId(), new InvestmentRefusedV1(r.investmentId(), r.fundId(),
                            r.enterpriseUscc(), r.amount().fen(), r.outcome().name(), r.refusal().field(),
                            r.refusal().reason(), r.refusal().available() == null ? null : r.refusal().available().fen(),
                            r.rejectedBy(), r.refusedAt()))
                    .actor(actor).correlation(r.investmentId()).causation(causation)
                    .build();
        }
        if (event instanceof InvestmentEvent.Exited e) {
            return NewEvent.of(EXITED, e.investmentId(), new InvestmentExitedV1(e.investmentId(), e.fundId(),
                            e.enterpriseUscc(), e.amount().fen(), e.exit().kind().name(), e.exit().exitedOn(),
                            e.exit().proceeds().fen(), e.exit().realisedMultipleBasisPoints(), e.recordedAt(),
                            e.exit().id(), e.exit().exitedAmount() == null ? null : e.exit().exitedAmount().fen(),
                            e.held() == null ? null : e.held().fen()))
                    .actor(actor).correlation(e.investmentId()).causation(causation)
                    .build();
        }
        throw new IllegalArgumentException("no wire mapping for " + event);
    }

    /**
     * The answer to payments; key and subject the conversion id, correlation the application (what
     * the work is about), causation the {@code ConversionRequested} event.
     */
    public static NewEvent toWire(ConversionEvent event, String actor) {
        if (event instanceof ConversionEvent.Completed c) {
            var r = c.request();
            return NewEvent.of(CONVERSION_COMPLETED, c.conversionId(), new ConversionCompletedV1(c.conversionId(),
                            r.orderId(), r.decisionId(), r.applicationId(), c.fundId(), c.investmentId(),
                            r.beneficiaryUscc(), r.amountFen(), c.completedAt()))
                    .actor(actor).correlation(r.applicationId()).causation(r.eventId()).district(r.district())
                    .build();
        }
        if (event instanceof ConversionEvent.Rejected j) {
            var r = j.request();
            return NewEvent.of(CONVERSION_REJECTED, j.conversionId(), new ConversionRejectedV1(j.conversionId(),
                            r.orderId(), r.decisionId(), r.applicationId(), r.fundCode(), j.rejection().code().name(),
                            j.rejection().reason(), j.rejectedAt()))
                    .actor(actor).correlation(r.applicationId()).causation(r.eventId()).district(r.district())
                    .build();
        }
        throw new IllegalArgumentException("no wire mapping for " + event);
    }
}
