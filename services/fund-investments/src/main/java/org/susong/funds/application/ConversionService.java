package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.messaging.TransientFailure;
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
 *   <li>claim it (PENDING -> APPLYING for {@code resume-after}); a delivery that finds another's claim
 *       still running is retried (transient), one that finds it expired takes it over and raises the
 *       fund's conversion fence first;</li>
 *   <li>check it (values, fund known, OPEN, stage and field in the fund's scope); a failed check
 *       rejects it in one write with ConversionRejected.v1 - nothing was moved;</li>
 *   <li>apply it to the fund with a guarded update recording the conversion id, fenced with the
 *       fence read before the claim: new city fiscal capital committed, called and paid in, and
 *       invested at once;</li>
 *   <li>insert the equity position under the deterministic id {@code INV-<conversionId>} (with its
 *       InvestmentCommitted.v1) and add it to the enterprise's portfolio;</li>
 *   <li>mark the conversion COMPLETED with ConversionCompleted.v1 (only while the claim holds), forget
 *       the id on the fund.</li>
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
     * @throws TransientFailure while another delivery holds the conversion (Kafka's consumer retries)
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
            if (stored.state().finished()) {
                return answered(stored.id());
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
        // read before the claim: if this delivery stalls past its claim, the one taking over raises the fence
        // and this one's update of the fund is refused (a fence read after the claim could be the raised one)
        long fence = funds.conversionFence(fundCode);
        String owner = UUID.randomUUID().toString();
        Instant claimedAt = clock.instant();
        Optional<Conversion.ConversionState> claimed = conversions.claim(pending.id(), owner, claimedAt,
                claimedAt.plus(config.resumeAfter()));
        if (claimed.isEmpty()) {
            return answered(pending.id());
        }
        if (claimed.get() == Conversion.ConversionState.APPLYING) {
            // taken over from a delivery whose claim expired: fence it off the fund before moving money
            fence = funds.raiseConversionFence(fundCode);
            LOG.infof("conversion %s taken over from a delivery whose claim expired (fence %d)", pending.id(), fence);
        }
        Optional<Fund> fund = funds.find(fundCode);
        Optional<Conversion.Rejection> rejection = pending.check(fund);
        // an earlier delivery may have moved the money before a crash, and the fund closed since: finish it
        if (rejection.isPresent() && !(fund.isPresent() && funds.hasApplied(fundCode, pending.id()))) {
            return reject(pending, rejection.get(), owner);
        }
        Instant now = clock.instant();
        Fund f = fund.get();
        Conversion.Completion completion = pending.complete(f, LocalDate.ofInstant(pending.request().requestedAt(),
                BusinessClock.ZONE), Principal.system().asActor(), now);
        var position = completion.position();
        Placement placement = new Placement(position.terms().stage(), position.context().district(),
                position.context().field(), false, false);
        GuardedCounter.Outcome outcome = funds.applyConversion(f.id(), pending.id(), position.terms().amount(), placement,
                fence);
        while (outcome == GuardedCounter.Outcome.REFUSED && funds.conversionFence(f.id()) > fence) {
            // another conversion of this fund was taken over meanwhile: go on only if this claim still holds
            fence = funds.conversionFence(f.id());
            if (!conversions.renew(pending.id(), owner, clock.instant().plus(config.resumeAfter()))) {
                return answered(pending.id());
            }
            outcome = funds.applyConversion(f.id(), pending.id(), position.terms().amount(), placement, fence);
        }
        if (outcome == GuardedCounter.Outcome.NO_COUNTER) {
            return reject(pending, new Conversion.Rejection(Conversion.ReasonCode.UNKNOWN_FUND, "there is no fund " + fundCode),
                    owner);
        }
        if (outcome == GuardedCounter.Outcome.REFUSED) {
            return reject(pending, new Conversion.Rejection(Conversion.ReasonCode.FUND_CLOSED, "fund " + fundCode
                    + " closed while the conversion was applied"), owner);
        }
        String actor = Principal.system().asActor();
        var positionOutbox = Outbox.entries(json, 0, List.of(InvestmentEvents.toWire(completion.positionEvent(),
                actor, "event:" + pending.request().eventId())), now);
        investments.insertCommittedIfAbsent(position, positionOutbox);
        portfolios.add(position.terms().enterpriseUscc().value(), position.id());
        relay.publishSoon(InvestmentRepository.COLLECTION, position.id());
        var outbox = Outbox.entries(json, 0, List.of(InvestmentEvents.toWire(completion.event(), actor)), now);
        if (!conversions.complete(completion.conversion(), owner, outbox)) {
            // taken over: the holder now finishes it and forgets the id (it may still need it: ALREADY_APPLIED)
            return answered(pending.id());
        }
        funds.forget(f.id(), pending.id());
        return answered(pending.id());
    }

    private Conversion reject(Conversion pending, Conversion.Rejection rejection, String owner) {
        Conversion.Refusal refusal = pending.reject(rejection, clock.instant());
        var outbox = Outbox.entries(json, 0, List.of(InvestmentEvents.toWire(refusal.event(),
                Principal.system().asActor())), clock.instant());
        if (conversions.reject(refusal.conversion(), owner, outbox)) {
            LOG.infof("conversion %s rejected (%s): %s", pending.id(), rejection.code(), rejection.reason());
        }
        return answered(pending.id());
    }

    /**
     * The conversion as another step left it: a finished one is answered (its event is in its outbox;
     * the relay or the sweeper publishes it); one still claimed by another delivery is a transient
     * failure, so this delivery is retried and not acknowledged before the conversion is finished.
     */
    private Conversion answered(String id) {
        Conversion stored = conversions.find(id).orElseThrow();
        if (!stored.state().finished()) {
            throw new TransientFailure("conversion " + id + " is being applied by another delivery");
        }
        relay.publishSoon(ConversionRepository.COLLECTION, id);
        return stored;
    }
}
