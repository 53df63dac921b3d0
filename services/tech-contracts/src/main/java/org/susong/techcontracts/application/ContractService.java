package org.susong.techcontracts.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Ids;
import org.susong.commons.ids.Uscc;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.money.Money;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.RegistrationConfig;
import org.susong.techcontracts.domain.ContractRuleViolation;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.domain.TechContract;
import org.susong.techcontracts.messaging.out.ContractEvents;
import org.susong.techcontracts.persistence.ContractRepository;
import org.susong.techcontracts.persistence.RegistrationCounter;

/**
 * Registering technology contracts. The rules are checked before a serial is taken; then one insert
 * holds the contract and its {@code ContractRegistered} event in its outbox, and a unique index on
 * the contract's duplicate key keeps a second registration of the same contract out, however
 * concurrent.
 */
@ApplicationScoped
public class ContractService {

    /** What the caller asked for, already checked for shape by the REST layer. */
    public record RegisterCommand(String title, ContractType type, String sellerUscc, String buyerUscc,
                                  District sellerDistrict, LocalDate signingDate, long contractAmountFen,
                                  long technicalTransactionAmountFen) {
    }

    private final ContractRepository contracts;
    private final RegistrationCounter counter;
    private final RegistrationConfig config;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;

    ContractService(ContractRepository contracts, RegistrationCounter counter, RegistrationConfig config, OutboxRelay relay,
                    ObjectMapper json, Clock clock) {
        this.contracts = contracts;
        this.counter = counter;
        this.config = config;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    public TechContract register(Principal principal, RegisterCommand command) {
        ContractTerms terms = new ContractTerms(command.title(), command.type(), Uscc.parse(command.sellerUscc()),
                Uscc.parse(command.buyerUscc()), command.sellerDistrict(), command.signingDate(),
                Money.ofFen(command.contractAmountFen()), Money.ofFen(command.technicalTransactionAmountFen()));
        if (principal.hasRole(Principal.APPLICANT) && !principal.hasRole(Principal.OFFICER)
                && !principal.actingFor().map(uscc -> uscc.equals(terms.seller().value()) || uscc.equals(terms.buyer().value()))
                .orElse(false)) {
            throw new ProblemException(403, "Forbidden", "an applicant may only register contracts its enterprise is a"
                    + " party to", "sellerUscc");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BusinessClock.ZONE);
        check(terms, today);
        String duplicateKey = terms.duplicateKey();
        Optional<String> existing = contracts.findIdByDuplicateKey(duplicateKey);
        if (existing.isPresent()) {
            throw duplicate(existing.get());
        }
        String registryCode = config.registryCode();
        RegistrationNumber number = RegistrationNumber.of(today.getYear(), registryCode,
                counter.next(registryCode, today.getYear()));
        String id = Ids.newId("TC", clock);
        String requestId = "request:" + id;
        TechContract.Registration registration = TechContract.register(id, terms, number, now, today, principal.asActor());
        List<Document> outbox = Outbox.entries(json, 0, List.of(ContractEvents.toWire(registration.event(),
                principal.asActor(), requestId)), now);
        if (!contracts.insert(registration.contract(), outbox)) {
            // a concurrent registration of the same contract won the unique index; its serial stays unused
            throw contracts.findIdByDuplicateKey(duplicateKey).map(this::duplicate).orElseThrow(() ->
                    new IllegalStateException("registration number " + number + " or id " + id + " is already taken:"
                            + " is the registration counter behind the contracts?"));
        }
        relay.publishSoon(ContractRepository.COLLECTION, id);
        return registration.contract();
    }

    public Optional<TechContract> find(String id) {
        return contracts.find(id);
    }

    private static void check(ContractTerms terms, LocalDate today) {
        try {
            terms.checkRegistrable(today);
        } catch (ContractRuleViolation.UsccCheckFailed e) {
            throw ProblemException.unprocessable(field(e.term()), e.getMessage())
                    .with("expectedCheckCharacter", String.valueOf(e.expected()));
        } catch (ContractRuleViolation e) {
            throw ProblemException.unprocessable(field(e.term()), e.getMessage());
        }
    }

    private ProblemException duplicate(String existingId) {
        return ProblemException.conflict("this contract (same seller, buyer, signing date and amounts) is already"
                + " registered as " + existingId).with("existingContract", "/contracts/" + existingId);
    }

    /** The request field each contract term arrives in. */
    static String field(ContractRuleViolation.Term term) {
        switch (term) {
            case SELLER:
                return "sellerUscc";
            case BUYER:
                return "buyerUscc";
            case SIGNING_DATE:
                return "signingDate";
            case CONTRACT_AMOUNT:
                return "contractAmountFen";
            case TECHNICAL_TRANSACTION_AMOUNT:
                return "technicalTransactionAmountFen";
            default:
                throw new IllegalArgumentException("no request field for " + term);
        }
    }
}
