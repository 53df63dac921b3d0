package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.susong.commons.money.Money;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.persistence.ContractRegistryRepository;
import org.susong.eligibility.persistence.RegisteredContract;
import org.susong.eligibility.domain.ContractParty;

/**
 * The technology-contract registry as eligibility sees it (B3b: 经认定登记的技术合同 - only verified and
 * registered contracts are rewarded). Kept from tech-contracts' events; a measure whose facts name a
 * contract ({@code contractRegistrationNumber}) is decided against it: the contract must be in the
 * registry, not cancelled, the applicant its rewarded party, and the registry's technical transaction
 * amount and registration date replace the applicant's (the decision says when they differed).
 * There is no order across topics: an application decided before the registration reached this
 * projection is rejected ("not in the registry"), and its appeal checks the registry again.
 */
@ApplicationScoped
public class ContractRegistry {

    static final String NUMBER = "contractRegistrationNumber";
    static final String AMOUNT = "technicalTransactionAmountFen";
    static final String REGISTERED_ON = "registeredOn";

    /** The facts to decide on (the registry's values in), and the criteria saying what the registry showed. */
    public record Check(boolean passed, List<Criterion> criteria, Map<String, Object> facts) {
    }

    /** A registration as the tech-contracts event states it. */
    public record Registration(String eventId, String contractId, String registrationNumber, String sellerUscc,
                               String buyerUscc, String registeredOn, long technicalTransactionAmountFen) {
    }

    private final ContractRegistryRepository contracts;
    private final EligibilityConfig config;
    private final Clock clock;

    ContractRegistry(ContractRegistryRepository contracts, EligibilityConfig config, Clock clock) {
        this.contracts = contracts;
        this.config = config;
        this.clock = clock;
    }

    /** Whether a measure's applications name a registered technology contract (B3b). */
    public static boolean applies(Measure measure) {
        return measure != null && measure.requiredFacts() != null && measure.requiredFacts().contains(NUMBER);
    }

    public void registered(Registration r) {
        contracts.registered(r.registrationNumber().strip(), r.eventId(), r.contractId(), r.sellerUscc(), r.buyerUscc(),
                r.technicalTransactionAmountFen(), r.registeredOn(), Date.from(clock.instant()));
    }

    /** The registrations of a batch, projected in their order with one bulk write (issue 14 item 2). */
    public void registeredAll(List<Registration> registrations) {
        contracts.registeredAll(registrations.stream().map(r -> new ContractRegistryRepository.Registration(
                r.registrationNumber().strip(), r.eventId(), r.contractId(), r.sellerUscc(), r.buyerUscc(),
                r.technicalTransactionAmountFen(), r.registeredOn())).toList(), Date.from(clock.instant()));
    }

    /**
     * An amendment: the amount and parties after it (a foreign party has no USCC), kept under its number also
     * when it comes before the registration (a registration dead-lettered and replayed later).
     */
    public void amended(String eventId, String contractId, String registrationNumber, int amendmentNumber, long technicalFen,
                        String sellerUscc, String buyerUscc) {
        contracts.amended(registrationNumber.strip(), eventId, contractId, amendmentNumber, technicalFen, sellerUscc,
                buyerUscc, Date.from(clock.instant()));
    }

    /** A cancellation; a contract whose registration was not projected (yet) is recorded as cancelled. */
    public void cancelled(String eventId, String contractId, String registrationNumber, String cancelledOn, String reason,
                          String sellerUscc, String buyerUscc, long technicalFen) {
        contracts.cancelled(registrationNumber.strip(), eventId, contractId, cancelledOn, reason, sellerUscc, buyerUscc,
                technicalFen, Date.from(clock.instant()));
    }

    /** The contract registered under {@code registrationNumber} as the projection holds it now. */
    public Optional<RegisteredContract> find(String registrationNumber) {
        return contracts.find(registrationNumber.strip());
    }

    /** The registration number a measure's facts name. */
    public static String number(Map<String, Object> facts) {
        return String.valueOf(facts.get(NUMBER)).strip();
    }

    /**
     * Checks the contract the facts name for {@code uscc} against {@code c}: the projection as read now, or the
     * snapshot a retried decision's first attempt took its cap on (so that the retry states what the ledger holds);
     * null when the projection has no such contract. Call after the facts passed the measure's schema.
     */
    public Check check(String uscc, Map<String, Object> facts, RegisteredContract c) {
        String number = number(facts);
        List<Criterion> criteria = new ArrayList<>();
        if (c == null || (!c.cancelled() && !c.registered())) {
            criteria.add(new Criterion("contractRegistered", false, "contract " + number + " is not in the technology-contract"
                    + " registry: only verified and registered contracts are rewarded (a registration not yet received"
                    + " here is honoured on appeal)", "技术合同 " + number + " 未经认定登记（技术合同登记库中无此合同），不予奖励"));
            return new Check(false, criteria, facts);
        }
        if (c.cancelled()) {
            criteria.add(new Criterion("contractRegistered", false, "contract " + number + " was cancelled in the registry"
                    + (c.cancelledOn() == null ? "" : " on " + c.cancelledOn()),
                    "技术合同 " + number + " 已撤销登记，不予奖励"));
            return new Check(false, criteria, facts);
        }
        criteria.add(new Criterion("contractRegistered", true, "contract " + number + " is registered (registry: "
                + c.contractId() + ")", "技术合同 " + number + " 已经认定登记"));
        boolean buyer = ContractParty.rewarded(config.b3b().rewardedParty()) == ContractParty.BUYER;
        String party = buyer ? "buyer" : "seller";
        if (uscc == null || !uscc.equals(buyer ? c.currentBuyerUscc() : c.currentSellerUscc())) {
            criteria.add(new Criterion("rewardedParty", false, "the applicant is not the contract's " + party
                    + ", the party rewarded (placeholder: the source says 'a single enterprise')",
                    "申请人不是该技术合同的受奖励方（" + (buyer ? "买方" : "卖方") + "）"));
            return new Check(false, criteria, facts);
        }
        criteria.add(new Criterion("rewardedParty", true, "the applicant is the contract's " + party + ", the party rewarded",
                "申请人是该技术合同的受奖励方"));
        long registryFen = c.currentFen();
        String registryOn = c.registeredOn();
        Object claimedFen = facts.get(AMOUNT);
        Object claimedOn = facts.get(REGISTERED_ON);
        boolean same = claimedFen instanceof Number n && n.longValue() == registryFen && Objects.equals(claimedOn, registryOn);
        Map<String, Object> used = new LinkedHashMap<>(facts);
        used.put(AMOUNT, registryFen);
        used.put(REGISTERED_ON, registryOn);
        String values = "technical transaction amount " + Money.ofFen(registryFen) + ", registered on " + registryOn;
        criteria.add(new Criterion("registryValues", true, same ? values + ", as the registry states"
                : values + " taken from the registry, not the claimed " + (claimedFen instanceof Number n
                ? Money.ofFen(n.longValue()).toString() : String.valueOf(claimedFen)) + ", " + claimedOn
                + ": the registry's values are used", same ? "技术交易额与登记日期与登记库一致"
                : "技术交易额与登记日期以技术合同登记库为准（登记库：" + Money.ofFen(registryFen) + "，" + registryOn + "）"));
        return new Check(true, criteria, used);
    }
}
