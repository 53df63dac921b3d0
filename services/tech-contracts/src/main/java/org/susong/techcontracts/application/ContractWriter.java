package org.susong.techcontracts.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.rest.ProblemException;
import org.susong.techcontracts.domain.TechContract;
import org.susong.techcontracts.domain.TechContractEvent;
import org.susong.techcontracts.messaging.out.ContractEvents;
import org.susong.techcontracts.persistence.ContractRepository;

/** Stores a step's new state and its events in one write of the contract's document, then relays the events. */
@ApplicationScoped
public class ContractWriter {

    private final ContractRepository contracts;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;

    ContractWriter(ContractRepository contracts, OutboxRelay relay, ObjectMapper json, Clock clock) {
        this.contracts = contracts;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /** A new contract with the outbox entries of its events (sequence from 1). */
    ContractRepository.NewContract newContract(TechContract.Change change, String actor, String causation) {
        return new ContractRepository.NewContract(change.contract(),
                Outbox.entries(json, 0, wire(change.events(), actor, causation), clock.instant()));
    }

    /** Inserts a new contract; false when its duplicate key or number is taken. */
    boolean create(TechContract.Change change, String actor, String causation) {
        return create(change, actor, causation, null);
    }

    /** Inserts a new contract with the Idempotency-Key record of its request (one write); false when a key is taken. */
    boolean create(TechContract.Change change, String actor, String causation, IdempotencyRecords.Record idempotency) {
        ContractRepository.NewContract created = newContract(change, actor, causation);
        boolean inserted = contracts.insert(created.contract(), created.entries(), idempotency);
        if (inserted) {
            relay.publishSoon(ContractRepository.COLLECTION, change.contract().id());
        }
        return inserted;
    }

    /** Writes a step on a loaded contract; 409 when someone else changed it or its new duplicate key is taken. */
    TechContract update(ContractRepository.Stored loaded, TechContract.Change change, String actor, String causation) {
        var entries = Outbox.entries(json, loaded.lastSequence(), wire(change.events(), actor, causation), clock.instant());
        ContractRepository.WriteResult result = contracts.update(loaded, change.contract(), entries);
        if (result == ContractRepository.WriteResult.CONFLICT) {
            throw ProblemException.conflict("contract " + loaded.contract().id() + " was changed meanwhile; reload and retry");
        }
        if (result == ContractRepository.WriteResult.DUPLICATE) {
            // the contract holds its own key and number: the holder that refused the write is another one
            TechContract next = change.contract();
            String self = next.id();
            throw contracts.findIdByDuplicateKey(next.terms().duplicateKey()).filter(h -> !h.equals(self))
                    .map(ContractService::duplicate)
                    .or(() -> Optional.ofNullable(next.registrationNumber()).flatMap(n -> contracts
                            .findIdByRegistrationNumber(n.value()).filter(h -> !h.equals(self))
                            .map(h -> ContractService.numberTaken(n, h))))
                    .orElseGet(() -> ProblemException.conflict("the new terms collide with another contract"));
        }
        if (!entries.isEmpty()) {
            relay.publishSoon(ContractRepository.COLLECTION, loaded.contract().id());
        }
        return change.contract();
    }

    void publishSoon(String id) {
        relay.publishSoon(ContractRepository.COLLECTION, id);
    }

    private static List<NewEvent> wire(List<TechContractEvent> events, String actor, String causation) {
        return events.stream().map(e -> ContractEvents.toWire(e, actor, causation)).toList();
    }
}
