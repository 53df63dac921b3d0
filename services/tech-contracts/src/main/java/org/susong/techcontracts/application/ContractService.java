package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import org.susong.commons.idempotency.IdempotencyInFlight;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.susong.commons.ids.Ids;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.RegistrationConfig;
import org.susong.techcontracts.domain.ContractRuleViolation;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.domain.TechContract;
import org.susong.techcontracts.persistence.ContractRepository;
import org.susong.techcontracts.persistence.RegistrationCounter;

/**
 * Filing technology contracts. An applicant's contract is submitted for review; the registry's own
 * staff (registrar or officer) enter contracts they have checked, which are registered at once; a
 * registrar imports contracts already registered nationally with their numbers. Each is one insert
 * of the contract with its event in its outbox; a unique index on the duplicate key keeps a second
 * filing of the same contract out, however concurrent.
 */
@ApplicationScoped
public class ContractService {

    /** The registry's reviewing role. */
    public static final String REGISTRAR = Principal.REGISTRAR;

    private final ContractRepository contracts;
    private final RegistrationCounter counter;
    private final RegistrationConfig config;
    private final ReferenceData reference;
    private final ContractWriter writer;
    private final Clock clock;
    private final IdempotencyInFlight inFlight;

    ContractService(ContractRepository contracts, RegistrationCounter counter, RegistrationConfig config,
                    ReferenceData reference, ContractWriter writer, Clock clock) {
        this(contracts, counter, config, reference, writer, clock, new IdempotencyInFlight());
    }

    @jakarta.inject.Inject
    ContractService(ContractRepository contracts, RegistrationCounter counter, RegistrationConfig config,
                    ReferenceData reference, ContractWriter writer, Clock clock, IdempotencyInFlight inFlight) {
        this.inFlight = inFlight;
        this.contracts = contracts;
        this.counter = counter;
        this.config = config;
        this.reference = reference;
        this.writer = writer;
        this.clock = clock;
    }

    /** Registry staff: registrars review; officers (the first slice's registering role) may enter checked contracts. */
    public static boolean isRegistryStaff(Principal principal) {
        return principal.hasRole(REGISTRAR) || principal.hasRole(Principal.OFFICER);
    }

    public static void requireRegistrar(Principal principal) {
        if (!principal.hasRole(REGISTRAR)) {
            throw new ProblemException(403, "Forbidden", "only a registrar (role '" + REGISTRAR + "') may do this", null);
        }
    }

    /**
     * Who sees a contract: registrars and auditors every one; a district officer those of its district
     * (the applying party's, {@code sellerDistrict}); an applicant those its enterprise is a party to,
     * as seller or as buyer. Anyone else sees none: callers answer 404, never revealing that it exists.
     */
    public static boolean visibleTo(Principal principal, TechContract contract) {
        ContractTerms terms = contract.terms();
        String district = terms.sellerDistrict().name();
        return principal.sees(district, usccOf(terms.seller()), REGISTRAR, Principal.AUDITOR)
                || principal.sees(district, usccOf(terms.buyer()), REGISTRAR, Principal.AUDITOR);
    }

    /** The USCC of the party that files (and amends) a contract: the seller, or for an import the domestic buyer. */
    static String applyingParty(ContractTerms terms) {
        return terms.isImport() ? terms.buyer().uscc().value() : terms.seller().uscc().value();
    }

    private static String usccOf(Party party) {
        return party.isDomestic() ? party.uscc().value() : null;
    }

    /**
     * Submits (applicant) or registers (registry staff) a contract. A registrar files for any district;
     * a district officer only for its own (the contract's {@code sellerDistrict}); an applicant only as
     * the applying party. Anything else answers 404, as a contract of another district or USCC would.
     */
    public TechContract file(Principal principal, ContractCommand command) {
        return file(principal, command, null, c -> null).contract();
    }

    /** What {@code POST /contracts} answers: the new contract, or the stored answer to a replayed Idempotency-Key. */
    public record Filed(TechContract contract, IdempotencyRecords.Replayed replayed) {
    }

    /**
     * {@link #file(Principal, ContractCommand)} with an {@code Idempotency-Key} (commons {@code IdempotencyRecords},
     * as applications' {@code POST /applications}): the key (scoped to the acting party), the request hash and the
     * answer ({@code answer} of the new contract) are inserted with the contract, in one write. A repeat with the same
     * body gets the stored answer ({@link Filed#replayed()}); another body under the key: 422 naming
     * {@code Idempotency-Key}; a repeat while the first is served here: 409. Concurrent repeats on other instances
     * lose the insert (the contract's duplicate key or the idempotency key) and answer as a replay of the winner, so
     * one key files one contract (a serial a losing staff filing took stays unused, as for any lost insert).
     */
    public Filed file(Principal principal, ContractCommand command, String idempotencyKey,
                      Function<TechContract, String> answer) {
        String scopedKey = IdempotencyRecords.scoped(principal, idempotencyKey);
        if (scopedKey == null) {
            return new Filed(fileOnce(principal, command, null, answer), null);
        }
        String requestHash = IdempotencyRecords.requestHash(command);
        Optional<IdempotencyRecords.Replayed> replay = contracts.replay(scopedKey, requestHash, clock.instant());
        if (replay.isPresent()) {
            return new Filed(null, replay.get());
        }
        if (!inFlight.begin(scopedKey)) {
            throw IdempotencyRecords.inProgress();
        }
        try {
            return new Filed(fileOnce(principal, command, new Key(scopedKey, requestHash), answer), null);
        } catch (ProblemException e) {
            // a concurrent request with the same key (another instance) won the insert: answer as its replay
            if (e.status() == 409) {
                Optional<IdempotencyRecords.Replayed> won = contracts.replay(scopedKey, requestHash, clock.instant());
                if (won.isPresent()) {
                    return new Filed(null, won.get());
                }
            }
            throw e;
        } finally {
            inFlight.end(scopedKey);
        }
    }

    private record Key(String scoped, String requestHash) {
    }

    /** Drops Idempotency-Key records past their retention; the store has no TTL, so this runs on a schedule. */
    public long purgeIdempotency(Instant now) {
        return contracts.purgeIdempotency(now);
    }

    @io.quarkus.scheduler.Scheduled(every = "${susong.tech-contracts.registration.idempotency-purge-every:1h}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void purgeExpiredIdempotencyRecords() {
        purgeIdempotency(clock.instant());
    }

    private TechContract fileOnce(Principal principal, ContractCommand command, Key key,
                                  Function<TechContract, String> answer) {
        if (!isRegistryStaff(principal) && !principal.hasRole(Principal.APPLICANT)) {
            throw new ProblemException(403, "Forbidden", "an applicant or registry staff files contracts", null);
        }
        if (command.registrationNumber() != null) {
            throw ProblemException.badRequest("registrationNumber", "nationally registered contracts are imported"
                    + " through POST /contracts/imports");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BusinessClock.ZONE);
        ContractInput.Prepared p = ContractInput.prepare(command, principal, reference, today);
        boolean staff = principal.hasRole(REGISTRAR)
                || principal.hasRole(Principal.OFFICER) && principal.inDistrict(p.terms().sellerDistrict().name());
        if (!staff && !(principal.hasRole(Principal.APPLICANT) && principal.actsFor(applyingParty(p.terms())))) {
            // another district's contract for an officer, another enterprise's for an applicant
            throw ProblemException.notFound("applying party", applyingParty(p.terms()) + " of "
                    + p.terms().sellerDistrict().english());
        }
        String duplicateKey = p.terms().duplicateKey();
        contracts.findIdByDuplicateKey(duplicateKey).ifPresent(existing -> {
            throw duplicate(existing);
        });
        String id = Ids.newId("TC", clock);
        TechContract.Change change;
        if (staff) {
            String registryCode = config.registryCode();
            RegistrationNumber number = RegistrationNumber.of(today.getYear(), registryCode,
                    counter.next(registryCode, today.getYear()));
            change = TechContract.registerDirectly(id, p.terms(), p.brics(), p.overrides(), number, now, today,
                    principal.asActor());
        } else {
            change = TechContract.submit(id, p.terms(), p.brics(), p.overrides(),
                    reference.rules().deadline(today, p.terms().technicalTransactionAmount(), reference.calendar()), today);
        }
        IdempotencyRecords.Record idempotency = key == null ? null : IdempotencyRecords.Record.of(key.scoped(),
                key.requestHash(), answer.apply(change.contract()), now.plus(config.idempotencyRetention()));
        create(change, principal, duplicateKey, idempotency);
        return change.contract();
    }

    /** Imports a contract already registered nationally (Torch Centre), keeping its number. */
    public TechContract importRegistered(Principal principal, ContractCommand command) {
        requireRegistrar(principal);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BusinessClock.ZONE);
        RegistrationNumber number = nationalNumber(command.registrationNumber());
        if (command.registeredOn() == null) {
            throw ProblemException.badRequest("registeredOn", "required for an imported contract");
        }
        ContractInput.Prepared p = ContractInput.prepare(command, principal, reference, today);
        TechContract.Change change = imported(p, number, command.registeredOn(),
                counter.last(number.registryCode(), number.year()), config, Ids.newId("TC", clock), now, today, principal);
        contracts.findIdByDuplicateKey(p.terms().duplicateKey()).ifPresent(existing -> {
            throw duplicate(existing);
        });
        contracts.findIdByRegistrationNumber(number.value()).ifPresent(existing -> {
            throw numberTaken(number, existing);
        });
        keepCounterAhead(number);
        create(change, principal, p.terms().duplicateKey(), null);
        return change.contract();
    }

    public Optional<TechContract> find(String id) {
        return contracts.find(id).map(ContractRepository.Stored::contract);
    }

    /** A national number of 16 digits; 400 on {@code registrationNumber} otherwise. */
    static RegistrationNumber nationalNumber(String raw) {
        try {
            return new RegistrationNumber(raw == null ? null : raw.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("registrationNumber", e.getMessage());
        }
    }

    /**
     * A contract as imported, after every check that needs no look-up (single import and bulk rows):
     * 422 naming {@code registeredOn} or {@code registrationNumber}.
     *
     * @param lastSerial the last serial of the number's year in this registry
     */
    static TechContract.Change imported(ContractInput.Prepared p, RegistrationNumber number, LocalDate registeredOn,
                                        long lastSerial, RegistrationConfig config, String id, Instant now,
                                        LocalDate today, Principal principal) {
        TechContract.Change change;
        try {
            change = TechContract.importRegistered(id, p.terms(), p.brics(), p.overrides(), number, registeredOn, now,
                    today, principal.asActor());
        } catch (ContractRuleViolation e) {
            throw ProblemException.unprocessable(ContractInput.field(e.term()), e.getMessage());
        }
        checkSerial(number, lastSerial, config);
        return change;
    }

    /**
     * An imported number of this registry at most {@code import-serial-headroom} above the last serial
     * issued ({@code last}): the counter moves past an imported number for good, so one mistyped far
     * above it would leave no serial for the rest of the year. 422 on {@code registrationNumber}.
     */
    private static void checkSerial(RegistrationNumber number, long last, RegistrationConfig config) {
        if (number.registryCode().equals(config.registryCode()) && number.serial() > last + config.importSerialHeadroom()) {
            throw ProblemException.unprocessable("registrationNumber", "serial " + number.serial() + " of registry "
                    + number.registryCode() + " is far above the last one issued in " + number.year() + " (" + last
                    + "; at most " + config.importSerialHeadroom() + " above it is imported): is the number mistyped?");
        }
    }

    /** An imported number of this registry must never be issued here again: the counter moves past it. */
    void keepCounterAhead(RegistrationNumber number) {
        if (number.registryCode().equals(config.registryCode())) {
            counter.atLeast(number.registryCode(), number.year(), number.serial());
        }
    }

    static ProblemException duplicate(String existingId) {
        return ProblemException.conflict("this contract (same seller, buyer, signing date and amounts) is already"
                + " filed as " + existingId).with("existingContract", "/contracts/" + existingId);
    }

    static ProblemException numberTaken(RegistrationNumber number, String existingId) {
        return ProblemException.conflict("registration number " + number + " is already held by " + existingId)
                .with("existingContract", "/contracts/" + existingId);
    }

    private void create(TechContract.Change change, Principal principal, String duplicateKey,
                        IdempotencyRecords.Record idempotency) {
        String id = change.contract().id();
        if (!writer.create(change, principal.asActor(), "request:" + id, idempotency)) {
            // a concurrent filing of the same contract won the unique index; a serial it took stays unused
            throw contracts.findIdByDuplicateKey(duplicateKey).map(ContractService::duplicate).orElseGet(() ->
                    change.contract().registrationNumber() == null ? ProblemException.conflict("id " + id + " is taken")
                            : contracts.findIdByRegistrationNumber(change.contract().registrationNumber().value())
                            .map(e -> numberTaken(change.contract().registrationNumber(), e))
                            .orElseGet(() -> ProblemException.conflict("the contract could not be stored")));
        }
    }
}
