package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.domain.Conversion;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.Placement;
import org.susong.funds.messaging.out.InvestmentEvents;
import org.susong.funds.persistence.ConversionRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;
import org.susong.funds.persistence.PortfolioRepository;

/**
 * Grant-to-investment (拨改投, measures C1/D1), consumed from payments' ConversionRequested.v1,
 * intent first and idempotent:
 * <ol>
 *   <li>record the conversion PENDING under payments' id {@code CV-<decisionId>} (a redelivery finds it;
 *       one with other terms is a modified request: dead-lettered, never applied);</li>
 *   <li>check it (values, fund known, OPEN, stage and field in the fund's scope); a failed check
 *       rejects it in one write with ConversionRejected.v1 - nothing was moved;</li>
 *   <li>apply it to the fund with a guarded update recording the conversion id: new city fiscal
 *       capital committed, called and paid in, and invested at once;</li>
 *   <li>insert the equity position under the deterministic id {@code INV-<conversionId>} (with its
 *       InvestmentCommitted.v1) and add it to the enterprise's portfolio;</li>
 *   <li>mark the conversion COMPLETED with ConversionCompleted.v1, forget the id on the fund.</li>
 * </ol>
 * A crash anywhere leaves the request unacknowledged; Kafka redelivers it and every step repeats
 * harmlessly (ALREADY_APPLIED, duplicate key, {@code $addToSet}, conditional update).
 */
@ApplicationScoped
public class ConversionService {

    private static final Logger LOG = Logger.getLogger(ConversionService.class);

    private final ConversionRepository conversions;
    private final FundRepository funds;
    private final InvestmentRepository investments;
    private final PortfolioRepository portfolios;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final FundsConfig config;
    private final Clock clock;

    ConversionService(ConversionRepository conversions, FundRepository funds, InvestmentRepository investments,
                      PortfolioRepository portfolios, OutboxRelay relay, ObjectMapper json, FundsConfig config,
                      Clock clock) {
        this.conversions = conversions;
        this.funds = funds;
        this.investments = investments;
        this.portfolios = portfolios;
        this.relay = relay;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Handles one ConversionRequested.v1.
     *
     * @throws PermanentFailure when a conversion of this id was requested before with other terms
     */
    public Conversion onRequested(Conversion.Request request) {
        Conversion conversion = Conversion.requested(request);
        if (!conversions.insertIfAbsent(conversion, clock.instant())) {
            Conversion stored = conversions.find(request.conversionId()).orElseThrow();
            if (!stored.request().sameTermsAs(request)) {
                throw new ModifiedRequest("conversion " + request.conversionId() + " was requested before with other"
                        + " terms (fund " + stored.request().fundCode() + ", " + stored.request().amountFen() + " fen, "
                        + stored.request().beneficiaryUscc() + ")");
            }
            if (stored.state() != Conversion.ConversionState.PENDING) {
                // done before: its event is in the conversion's outbox (the relay or the sweeper publishes it)
                relay.publishSoon(ConversionRepository.COLLECTION, stored.id());
                return stored;
            }
            conversion = stored;
        }
        return finish(conversion);
    }

    public Optional<Conversion> find(String id) {
        return conversions.find(id);
    }

    private Conversion finish(Conversion pending) {
        String fundCode = pending.request().fundCode();
        Optional<Fund> fund = funds.find(fundCode);
        Optional<Conversion.Rejection> rejection = pending.check(fund);
        // an earlier delivery may have moved the money before a crash, and the fund closed since: finish it
        if (rejection.isPresent() && !(fund.isPresent() && funds.hasApplied(fundCode, pending.id()))) {
            return reject(pending, rejection.get());
        }
        Instant now = clock.instant();
        Fund f = fund.get();
        Conversion.Completion completion = pending.complete(f, LocalDate.ofInstant(pending.request().requestedAt(),
                BusinessClock.ZONE), Principal.system().asActor(), now);
        var position = completion.position();
        GuardedCounter.Outcome outcome = funds.applyConversion(f.id(), pending.id(), position.terms().amount(),
                new Placement(position.terms().stage(), position.context().district(),
                        position.context().field(), false, false));
        if (outcome == GuardedCounter.Outcome.NO_COUNTER) {
            return reject(pending, new Conversion.Rejection(Conversion.ReasonCode.UNKNOWN_FUND, "there is no fund " + fundCode));
        }
        if (outcome == GuardedCounter.Outcome.REFUSED) {
            return reject(pending, new Conversion.Rejection(Conversion.ReasonCode.FUND_CLOSED, "fund " + fundCode
                    + " closed while the conversion was applied"));
        }
        String actor = Principal.system().asActor();
        List<Document> positionOutbox = Outbox.entries(json, 0, List.of(InvestmentEvents.toWire(completion.positionEvent(),
                actor, "event:" + pending.request().eventId())), now);
        investments.insertCommittedIfAbsent(position, positionOutbox);
        portfolios.add(position.terms().enterpriseUscc().value(), position.id());
        List<Document> outbox = Outbox.entries(json, 0, List.of(InvestmentEvents.toWire(completion.event(), actor)), now);
        if (!conversions.complete(completion.conversion(), outbox)) {
            LOG.debugf("conversion %s was finished by another delivery meanwhile", pending.id());
        }
        funds.forget(f.id(), pending.id());
        relay.publishSoon(InvestmentRepository.COLLECTION, position.id());
        relay.publishSoon(ConversionRepository.COLLECTION, pending.id());
        return conversions.find(pending.id()).orElseThrow();
    }

    private Conversion reject(Conversion pending, Conversion.Rejection rejection) {
        Conversion.Refusal refusal = pending.reject(rejection, clock.instant());
        List<Document> outbox = Outbox.entries(json, 0, List.of(InvestmentEvents.toWire(refusal.event(),
                Principal.system().asActor())), clock.instant());
        conversions.reject(refusal.conversion(), outbox);
        relay.publishSoon(ConversionRepository.COLLECTION, pending.id());
        LOG.infof("conversion %s rejected (%s): %s", pending.id(), rejection.code(), rejection.reason());
        return conversions.find(pending.id()).orElseThrow();
    }
}
